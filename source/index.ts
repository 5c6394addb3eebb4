// The iam-gen library: everything the CLI and the TUI use, for use from other programs.
export * from "./catalog/index.js";
export * from "./policy/index.js";
export {loadManagedPolicies, managedPoliciesVersion, type ManagedPolicy} from "./managed/index.js";
export type * from "./retrieval/types.js";
export {retrieve, type RetrieveOptions} from "./retrieval/index.js";
export type * from "./engine/types.js";
export {ConversationSession} from "./engine/ConversationSession.js";
export {PolicyGenerator, type PolicyGeneratorOptions, type GeneratorCallOptions, type RagComparison} from "./generator/PolicyGenerator.js";
export {createEngine, ENGINE_CHOICES, type EngineChoice, type CreateEngineOptions, type CreatedEngine} from "./generator/createEngine.js";
export {CatalogEngine, type CatalogEngineOptions} from "./engine/catalog/CatalogEngine.js";
export {ManagedPolicyMatcher, type ManagedPolicyName} from "./engine/managedPolicyMatch.js";
export * from "./evaluation/index.js";
export {LlamaEngine, type LlamaEngineOptions} from "./llm/LlamaEngine.js";
export {ServerFailure} from "./llm/remote/ServerFailure.js";
export type {OpenAIEngineOptions} from "./llm/remote/OpenAIEngine.js";
export {ModelManager, LoadedModel, defaultThreads, type ModelOptions} from "./llm/ModelManager.js";
export {resolveModelPath, checkModelFile, ModelFileError, type ResolvedModel, type ModelSource} from "./llm/modelFile.js";
export {buildPolicyGrammar, type PolicyGrammarOptions} from "./llm/grammar/policyGrammar.js";

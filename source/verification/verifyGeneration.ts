import type {Catalog} from "../catalog/index.js";
import type {PolicyDocument} from "../policy/types.js";
import {readFollowUp, type FollowUpChange} from "../retrieval/readFollowUp.js";
import type {RetrievalContext} from "../retrieval/types.js";
import {probesOfRefinement} from "./refinementProbes.js";
import {probesOfRequest} from "./requestProbes.js";
import {runProbes} from "./runProbes.js";
import type {Verification} from "./types.js";

export interface GenerationToVerify {
    policy: PolicyDocument;
    /** Retrieval's reading of the request, or of the follow-up for a refinement. */
    context: RetrievalContext;
    /** For a refinement, the policy the follow-up changed. */
    previous?: PolicyDocument;
    /** For a refinement, what the follow-up was read as; read here when the engine did not. */
    change?: FollowUpChange;
}

/** Whether a generated policy does what its request (or follow-up) asked, probe by probe through the evaluator. */
export function verifyGeneration(generation: GenerationToVerify, catalog: Catalog): Verification {
    const {policy, context, previous} = generation;
    const probes = previous == null
        ? probesOfRequest(context, catalog)
        : probesOfRefinement(previous, policy, context, generation.change ?? readFollowUp(context.request, context, catalog), catalog);
    return runProbes(policy, probes);
}

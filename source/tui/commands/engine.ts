import type {SlashCommand} from "./SlashCommand.js";

export const engineCommand: SlashCommand = {
    name: "engine",
    usage: "/engine catalog|llama|openai",
    description: "switch between the catalog engine (no model), the local model and a served one (remoteUrl, remoteModel)",
    async run(args, {controller}) {
        const name = args.toLowerCase();
        if (name !== "catalog" && name !== "llama" && name !== "openai") {
            controller.notice("error", `/engine: expected catalog, llama or openai, got "${args}"`);
            return;
        }
        await controller.loadEngine({...controller.engineRequest, engine: name});
    }
};

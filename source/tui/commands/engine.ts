import type {SlashCommand} from "./SlashCommand.js";

export const engineCommand: SlashCommand = {
    name: "engine",
    usage: "/engine catalog|llama",
    description: "switch between the catalog engine (no model) and the local model",
    async run(args, {controller}) {
        const name = args.toLowerCase();
        if (name !== "catalog" && name !== "llama") {
            controller.notice("error", `/engine: expected catalog or llama, got "${args}"`);
            return;
        }
        await controller.loadEngine({...controller.engineRequest, engine: name});
    }
};

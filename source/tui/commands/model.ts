import path from "node:path";
import type {SlashCommand} from "./SlashCommand.js";

export const modelCommand: SlashCommand = {
    name: "model",
    usage: "/model PATH",
    description: "load a GGUF model file (with progress) and switch to it",
    async run(args, {controller, cwd}) {
        if (args === "") {
            controller.notice("error", "/model: give the path of a .gguf file, e.g. /model models/mistral-7b-instruct.Q4_K_M.gguf");
            return;
        }
        const model = path.resolve(cwd, args.replace(/^~(?=$|\/)/, process.env.HOME ?? "~"));
        await controller.loadEngine({...controller.engineRequest, engine: "llama", model});
    }
};

import type {SlashCommand} from "./SlashCommand.js";

export const compareCommand: SlashCommand = {
    name: "compare",
    usage: "/compare",
    description: "generate the conversation's first request with and without retrieval, side by side",
    async run(_args, {controller}) {
        const request = controller.firstRequest;
        if (request == null) {
            controller.notice("warning", "nothing to compare yet: send a request first");
            return;
        }
        await controller.runBusy("comparing with and without retrieval", async () => {
            const withRag = await controller.generateDetached(request, {rag: true});
            const withoutRag = await controller.generateDetached(request, {rag: false});
            controller.print({kind: "compare", withRag, withoutRag});
        });
    }
};

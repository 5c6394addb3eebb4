import {describe, expect, it} from "vitest";
import {sidePanelSections} from "../../source/tui/view/sidePanelSections.js";
import {contextFor, resultFor} from "./fakeEngine.js";
import {createHarness, lastNotice} from "./harness.js";

const REQUEST = "Lambda function that consumes from SQS queue orders";

describe("companions in the TUI", () => {
    it("/companions off makes the next generations grant only what the words name; no argument toggles", async () => {
        const {controller, engine} = await createHarness();
        await controller.submit("/companions off");
        expect(lastNotice(controller)).toContain("companions off");
        await controller.submit(REQUEST);
        expect(engine.requests.at(-1)?.options?.companions).toBe(false);
        await controller.submit("/companions");
        expect(controller.companions).toBe(true);
        await controller.submit("/companions sometimes");
        expect(lastNotice(controller)).toBe("/companions: expected on or off, got \"sometimes\"");
    });

    it("the side panel says why each companion was added", () => {
        const companion = {action: "sqs:DeleteMessage", resource: "arn:aws:sqs:*:*:orders", reason: "a Lambda event source mapping deletes each batch it has processed", source: "AWS managed policy AWSLambdaSQSQueueExecutionRole", rule: "lambda-sqs-event-source"};
        const result = resultFor(REQUEST, ["sqs:ReceiveMessage", "sqs:DeleteMessage"], {companions: [companion]});
        const section = sidePanelSections({context: contextFor(REQUEST), result, rag: true, engine: "catalog"}).find((entry) => entry.title === "Added for the job");
        expect(section?.items.join("\n")).toContain("sqs:DeleteMessage");
        expect(section?.items.join("\n")).toContain("added because a Lambda event source mapping deletes each batch it has processed (AWS managed policy AWSLambdaSQSQueueExecutionRole)");
    });
});

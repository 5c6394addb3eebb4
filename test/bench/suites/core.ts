import {loadCatalog} from "../../../source/catalog/index.js";
import {ConversationSession} from "../../../source/engine/ConversationSession.js";
import {CatalogEngine} from "../../../source/engine/catalog/CatalogEngine.js";
import type {GenerationResult} from "../../../source/engine/types.js";
import {loadManagedPolicies} from "../../../source/managed/index.js";
import {checkPolicy} from "../../../source/policy/index.js";
import type {PolicyDocument, PolicyStatement} from "../../../source/policy/types.js";
import {retrieve} from "../../../source/retrieval/index.js";
import {type BenchContext, runsFor} from "../context.js";
import {repeat, summarize, timeCall, timePerCall} from "../measure.js";
import {BENCH_REQUESTS} from "../requests.js";

/** Retrieval of one request, and how its cost grows from one sentence to a 20 KB paste. */
export function measureRetrieval(context: BenchContext) {
    const catalog = loadCatalog();
    const {runs} = runsFor(context, 10, 3);
    const perRequest: number[] = [];
    for (const request of BENCH_REQUESTS)
        retrieve(request, {catalog});
    for (let run = 0; run < runs; run++) {
        for (const request of BENCH_REQUESTS)
            perRequest.push(timePerCall(() => retrieve(request, {catalog}), 10));
    }
    context.results.timing("retrieval.request", "Core paths", "Retrieval, one request", summarize(perRequest),
        {target: {op: "<", value: 5}, note: `${BENCH_REQUESTS.length} requests`});

    const lengths = [100, 500, 1_000, 2_000, 5_000, 10_000, 20_000];
    const points = lengths.map((length) => {
        const text = requestOfLength(length);
        retrieve(text, {catalog});
        const sample = summarize(Array.from({length: runs}, () => timePerCall(() => retrieve(text, {catalog}), 5)));
        return {x: text.length, y: sample.median, series: "retrieve()"};
    });
    context.results.addSeries({
        id: "scaling-retrieval",
        title: "Retrieval time vs request length",
        kind: "line",
        x: {label: "Request length (characters)", log: true},
        y: {label: "ms per request (median)"},
        points
    });
    const longest = points.at(-1)!;
    context.results.value("retrieval.20kb", "Core paths", "Retrieval, a 20 KB request", "ms", longest.y);
}

/** The catalog engine end to end: retrieval, composition, repair and checks of one request. */
export async function measureCatalogEngine(context: BenchContext) {
    const engine = new CatalogEngine();
    const generateOnce = async (request: string) => {
        const generator = engine.generate(request, new ConversationSession());
        let step = await generator.next();
        while (step.done !== true)
            step = await generator.next();
        return step.value as GenerationResult;
    };
    for (const request of BENCH_REQUESTS)
        await generateOnce(request);
    const {runs} = runsFor(context, 10, 3);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
        for (const request of BENCH_REQUESTS)
            times.push(await timeCall(() => generateOnce(request)));
    }
    context.results.timing("engine.catalog", "Core paths", "Catalog engine, request → checked policy", summarize(times),
        {target: {op: "<", value: 20}, note: `${BENCH_REQUESTS.length} requests`});
}

/** The checker over every AWS managed policy, and its cost against policy size. */
export async function measureChecker(context: BenchContext) {
    const policies = loadManagedPolicies();
    const all = await repeat(() => timeCall(() => {
        for (const policy of policies)
            checkPolicy(policy.document);
    }), runsFor(context, 7, 3));
    context.results.timing("checker.managed", "Core paths", `Checker, all ${policies.length.toLocaleString("en-US")} AWS managed policies`, all,
        {target: {op: "<", value: 2000}});

    const statements = policies.flatMap((policy) => asArray(policy.document.Statement));
    const sizes = [1, 5, 10, 25, 50, 100, 200];
    const {runs} = runsFor(context, 10, 3);
    const points = sizes.map((size) => {
        const policy: PolicyDocument = {Version: "2012-10-17", Statement: statements.slice(0, size)};
        checkPolicy(policy);
        const sample = summarize(Array.from({length: runs}, () => timePerCall(() => checkPolicy(policy), Math.max(2, Math.round(200 / size)))));
        return {x: size, y: sample.median, series: "checkPolicy()"};
    });
    context.results.addSeries({
        id: "scaling-checker",
        title: "Checker time vs policy size",
        kind: "line",
        x: {label: "Statements (from AWS managed policies)", log: true},
        y: {label: "ms per policy (median)"},
        points
    });
    context.results.value("checker.200statements", "Core paths", "Checker, one policy of 200 statements", "ms", points.at(-1)!.y);
}

function asArray(statement: PolicyStatement | PolicyStatement[]) {
    return Array.isArray(statement) ? statement : [statement];
}

/** The bench requests joined as sentences, repeating, until the text is `length` characters long. */
function requestOfLength(length: number) {
    let text = "";
    for (let index = 0; text.length < length; index++)
        text += (text === "" ? "" : ". ") + BENCH_REQUESTS[index % BENCH_REQUESTS.length];
    return text.slice(0, length);
}

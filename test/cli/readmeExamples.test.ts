import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {root, runCli} from "./runCli.js";

/** What marks a README example as checked: this comment on the line before its ```console block. */
const MARKER = "<!-- example: checked by test/cli/readmeExamples.test.ts -->";
const cli = path.join(root, "dist", "cli", "main.js");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

interface ExampleCommand {
    command: string;
    /** The lines the README shows under the command; a line `…` stands for any lines. */
    expected: string[];
    /** From a last line `[exit N]`; 0 when the README shows none. */
    exitCode: number;
}

/** The README's marked examples: blocks of `$ command` lines, each followed by what it prints. */
function markedExamples(): {line: number; commands: ExampleCommand[]}[] {
    const lines = readme.split("\n");
    return lines.flatMap((text, index) => {
        if (text.trim() !== MARKER || lines[index + 1] !== "```console")
            return [];
        const end = lines.indexOf("```", index + 2);
        const commands: ExampleCommand[] = [];
        for (const line of lines.slice(index + 2, end)) {
            if (line.startsWith("$ "))
                commands.push({command: line.slice(2), expected: [], exitCode: 0});
            else if (/^\[exit \d+\]$/.test(line))
                commands.at(-1)!.exitCode = Number(/\d+/.exec(line)![0]);
            else
                commands.at(-1)?.expected.push(line);
        }
        return [{line: index + 1, commands}];
    });
}

/** Runs a README command as a reader would, `npx iam-gen` being the built CLI, in a folder of its own; stdout and stderr as a terminal shows them. */
function run(command: string, cwd: string) {
    const local = command.replace(/\bnpx iam-gen(?![\w-])/g, `node ${JSON.stringify(cli)}`);
    const result = spawnSync("bash", ["-c", `{ ${local}\n} 2>&1`], {cwd, encoding: "utf8", timeout: 60_000, env: {...process.env, FORCE_COLOR: "0", IAM_GEN_CONFIG_DIR: path.join(cwd, "config")}});
    return {status: result.status, lines: result.stdout.replace(/\n$/, "").split("\n").map((line) => line.trimEnd())};
}

/** Whether `expected` appears in `actual` as written: each run of lines between `…` contiguous, the runs in order. */
function shows(actual: string[], expected: string[]): boolean {
    const runs = expected.map((line) => line.trimEnd()).join("\n").split(/^…$/m).map((run) => run.replace(/^\n|\n$/g, "").split("\n"));
    let from = 0;
    for (const lines of runs) {
        if (lines.length === 1 && lines[0] === "")
            continue;
        let at = from;
        while (at + lines.length <= actual.length && !lines.every((line, offset) => actual[at + offset] === line))
            at++;
        if (at + lines.length > actual.length)
            return false;
        from = at + lines.length;
    }
    return true;
}

describe("the README's examples", () => {
    const examples = markedExamples();

    it("has checked examples", () => {
        expect(examples.length).toBeGreaterThanOrEqual(3);
        expect(examples.every(({commands}) => commands.length > 0)).toBe(true);
    });

    it.each(examples.map((example) => [example.line, example] as const))("README.md:%i prints what the README shows", (_, {commands}) => {
        const cwd = mkdtempSync(path.join(tmpdir(), "iam-gen-readme-"));
        mkdirSync(path.join(cwd, "config"));
        for (const {command, expected, exitCode} of commands) {
            const {status, lines} = run(command, cwd);
            expect(shows(lines, expected), `$ ${command}\nprinted:\n${lines.join("\n")}`).toBe(true);
            expect(status, `$ ${command}`).toBe(exitCode);
        }
    });

    it("writes every command as it runs in a clone, npx iam-gen (npm install puts no iam-gen on PATH)", () => {
        const blocks = [...readme.matchAll(/^```(?:sh|console)?\n([\s\S]*?)^```/gm)].map((block) => block[1]!);
        const bare = blocks.flatMap((block) => block.split("\n")).filter((line) => /^(\$ )?iam-gen(-tui)?\b/.test(line) || /(\||&&) *iam-gen(-tui)?\b/.test(line));
        expect(bare).toEqual([]);
    });

    it("gives the catalog's size as iam-gen catalog counts it", () => {
        const {services, actions} = JSON.parse(runCli(["catalog", "--json"]).stdout) as {services: number; actions: number};
        const said = [...readme.matchAll(/\b(\d+) services, ([\d,]+) actions\b/g)];
        expect(said.length).toBeGreaterThan(0);
        for (const [, serviceCount, actionCount] of said)
            expect([Number(serviceCount), Number(actionCount!.replace(/,/g, ""))]).toEqual([services, actions]);
        for (const [, count] of readme.matchAll(/\b(\d{2},\d{3}) actions\b/g))
            expect(Number(count!.replace(/,/g, ""))).toBe(actions);
    });
});

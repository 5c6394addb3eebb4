import {execFileSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {DEFAULT_SETTINGS, SettingsStore} from "../../source/settings/Settings.js";
import {runCli} from "../cli/runCli.js";

function temporaryDirectory() {
    return fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-broken-settings-"));
}

/** Each broken place for the settings: the folder to open, after `breakIt` ran in a fresh folder. */
const BROKEN: Array<[string, (directory: string) => string]> = [
    ["the settings file is a folder", (directory) => {
        fs.mkdirSync(path.join(directory, "config.json"));
        return directory;
    }],
    ["the settings folder is a file", (directory) => {
        fs.writeFileSync(path.join(directory, "file"), "");
        return path.join(directory, "file");
    }],
    ["the settings file is a symbolic link loop", (directory) => {
        fs.symlinkSync(path.join(directory, "config.json"), path.join(directory, "config.json"));
        return directory;
    }],
    ["the settings file is a FIFO", (directory) => {
        execFileSync("mkfifo", [path.join(directory, "config.json")]);
        return directory;
    }],
    ["the settings file is a link to /dev/zero", (directory) => {
        fs.symlinkSync("/dev/zero", path.join(directory, "config.json"));
        return directory;
    }],
    ["the settings folder cannot be created (/proc)", () => "/proc/iam-gen-settings"]
];

describe("broken settings fall back to the defaults with one line", () => {
    it.each(BROKEN)("%s", async (_, breakIt) => {
        const {store, warning} = await SettingsStore.open(breakIt(temporaryDirectory()));
        expect(store.values).toEqual(DEFAULT_SETTINGS);
        expect(warning).toMatch(/^settings cannot be used \(.+\); using the defaults for this run$/);
        expect(() => store.setFromText("region", "us-east-1")).toThrow(/^settings cannot be saved/);
    });

    it.runIf(process.getuid?.() !== 0)("a read-only settings folder", async () => {
        const directory = temporaryDirectory();
        fs.chmodSync(directory, 0o555);
        const {store, warning} = await SettingsStore.open(directory);
        expect(store.values).toEqual(DEFAULT_SETTINGS);
        expect(warning).toBeDefined();
    });

    it("reads valid settings, and when the file goes bad after opening, reads the defaults and says why it cannot save", async () => {
        const directory = temporaryDirectory();
        fs.writeFileSync(path.join(directory, "config.json"), JSON.stringify({...DEFAULT_SETTINGS, region: "eu-west-1"}));
        const {store, warning} = await SettingsStore.open(directory);
        expect(warning).toBeUndefined();
        expect(store.values.region).toBe("eu-west-1");
        fs.rmSync(path.join(directory, "config.json"));
        fs.mkdirSync(path.join(directory, "config.json"));
        // The file went bad after opening: reads give the defaults, saves a reason.
        expect(store.values).toEqual(DEFAULT_SETTINGS);
        expect(() => store.setFromText("region", "us-east-1")).toThrow(/^cannot save settings/);
    });

    it.each([...BROKEN, ["the settings file is corrupt", (directory: string) => {
        fs.writeFileSync(path.join(directory, "config.json"), "{\"rag\": tru");
        return directory;
    }] as [string, (directory: string) => string]])("the CLI prints one line and carries on when %s", (_, breakIt) => {
        const result = runCli(["Allow sending messages to SQS queue orders"], undefined, {IAM_GEN_CONFIG_DIR: breakIt(temporaryDirectory())});
        expect(result.status).toBe(0);
        expect(result.stderr.split("\n").filter((line) => /settings/.test(line))).toHaveLength(1);
        expect(result.stderr).not.toMatch(/\n\s+at /);
    });
});

import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { defineCommand, parseOptions, runCommand, UsageError } from "../../../src/cli/command.ts";
import { NEW } from "../../../src/cli/new.ts";

const CHECK = defineCommand({ command: "check", usage: "[--content DIR] [--json]", options: { content: { type: "string", default: "content" }, json: { type: "boolean", default: false } } });

/** The one line a mistake prints, or the parsed values when there is none. */
function parse(spec: Parameters<typeof parseOptions>[0], args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    return parseOptions(spec, args, env);
  } catch (error) {
    if (error instanceof UsageError) return { message: error.message, usage: error.usage };
    throw error;
  }
}

describe("a command's options", () => {
  it("are read as given", () => {
    expect(parse(NEW, ["A title", "--topic", "appeals", "--people", "A, B", "--date=2024-06-26"])).toMatchObject({
      values: { topic: "appeals", people: ["A, B"], date: "2024-06-26", content: "content" },
      positionals: ["A title"],
    });
  });

  it("name a misspelt option and the nearest known one", () => {
    expect(parse(NEW, ["A title", "--topci", "appeals"])).toEqual({
      message: "unknown option --topci (did you mean --topic?)",
      usage: 'usage: npm run new -- "Title of the story" --topic <topic> [--date YYYY-MM-DD] [--people "Name, Name"] [--author <id or name>] [--image photo.jpg --alt "What it shows" --credit "Who took it" [--caption "…"]] [--content DIR]',
    });
    expect(parse(NEW, ["A title", "--peeple=x"])).toMatchObject({ message: "unknown option --peeple (did you mean --people?)" });
    expect(parse(CHECK, ["--bogus"])).toEqual({ message: "unknown option --bogus", usage: "usage: npm run check -- [--content DIR] [--json]" });
  });

  it("say when a value is missing or not wanted, and when an argument is not expected", () => {
    expect(parse(CHECK, ["--content"])).toMatchObject({ message: "--content needs a value after it" });
    expect(parse(NEW, ["A title", "--topic", "--date", "2024-06-26"])).toMatchObject({ message: "--topic needs a value after it" });
    expect(parse(CHECK, ["--json=yes"])).toMatchObject({ message: "--json takes no value" });
    expect(parse(CHECK, ["content"])).toMatchObject({ message: 'unexpected argument "content": npm run check takes only options' });
  });

  it("say that the -- is missing when npm kept an option for itself", () => {
    // What `npm run new "A title" --topic appeals` hands the command: npm keeps --topic, and "appeals" looks like a second title.
    const npm = { npm_lifecycle_event: "new", npm_config_topic: "true" };
    expect(parse(NEW, ["A title", "appeals"], npm)).toMatchObject({
      message: '--topic never reached the command: npm kept it for itself, because the -- after "npm run new" is missing',
    });
    expect(parse(CHECK, [], { npm_lifecycle_event: "check", npm_config_json: "true" })).toMatchObject({
      message: '--json never reached the command: npm kept it for itself, because the -- after "npm run check" is missing',
    });
    // Given after the --, the option reached the command, whatever npm's own settings say.
    expect(parse(NEW, ["A title", "--topic", "appeals"], npm)).toMatchObject({ values: { topic: "appeals" } });
    // Another script's settings are not this command's.
    expect(parse(CHECK, [], { npm_lifecycle_event: "test", npm_config_json: "true" })).toMatchObject({ values: { json: false } });
  });
});

describe("running a command", () => {
  it("prints a usage mistake as its line and the usage, with exit code 2 and no stack trace", async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
    try {
      expect(await runCommand((args) => (parseOptions(CHECK, args), 0), ["--bogus"])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(written.join("")).toBe("unknown option --bogus\nusage: npm run check -- [--content DIR] [--json]\n");
  });
});

describe("a command run as a script", () => {
  // Only a process shows its exit status. The script imports nothing but command.ts, so tsx loads little.
  it("exits 1 with one line, not 0, when it stops waiting for something that never answers", () => {
    const script = join(mkdtempSync(join(tmpdir(), "casefile-command-")), "stalled.ts");
    const command = pathToFileURL(join(import.meta.dirname, "../../../src/cli/command.ts")).href;
    // A promise nothing will settle, with nothing left for Node to wait on: Node's own exit code would be 0.
    writeFileSync(script, `import { runAsScript } from ${JSON.stringify(command)};\nrunAsScript(import.meta.url, () => new Promise<number>(() => {}));\n`);
    const run = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", cwd: join(import.meta.dirname, "../../..") });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Casefile stopped before it finished: it was waiting for something that can no longer happen. This is a bug: please report it.\n");
  });
});

import { realpathSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../registry.ts";
import { printable } from "../content/problems.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** How a command is called: its name, what follows the name in its usage line, and its options. */
export interface CommandSpec<T extends Options> {
  /** The command's name: `npm run <name>`, `casefile <name>`. */
  command: string;
  /** The arguments after the command's name, as the usage line shows them: `[--content DIR] [--json]`. */
  usage: string;
  options: T;
  /** Whether it takes arguments that are not options (a title, files); a command that does not refuses them. */
  allowPositionals?: boolean;
}

/** A command's spec, with its options' types kept for parseOptions. */
export function defineCommand<T extends Options>(spec: CommandSpec<T>): CommandSpec<T> {
  return spec;
}

/** A mistake in how a command was called: printed as one line, then the command's usage; exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** What `parseArgs` gives for these options (strict, with positionals allowed). */
export type ParsedOptions<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>>;

/**
 * Parses a command's arguments with node:util's parseArgs in strict mode. Every mistake becomes a
 * UsageError with one plain line: an unknown option names the nearest known one ("--topci" → "--topic"),
 * and an option npm kept for itself (`npm run new "Title" --topic x`, the `--` forgotten) says so.
 * `env` is where npm leaves the options it kept (`npm_config_topic`).
 */
export function parseOptions<T extends Options>(spec: CommandSpec<T>, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedOptions<T> {
  const usage = usageLine(spec);
  const fail = (message: string) => new UsageError(message, usage);
  const kept = keptByNpm(spec, args, env);
  if (kept) {
    throw fail(`${kept} never reached the command: npm kept it for itself, because the -- after "npm run ${spec.command}" is missing`);
  }
  let parsed: ParsedOptions<T>;
  try {
    // Positionals are always allowed here, so that a command that takes none can say which one it did not expect.
    parsed = parseArgs({ args: [...args], options: spec.options, strict: true, allowPositionals: true }) as ParsedOptions<T>;
  } catch (error) {
    throw fail(explain(error as NodeJS.ErrnoException, spec, args));
  }
  const [first] = parsed.positionals;
  if (first !== undefined && !spec.allowPositionals) throw fail(`unexpected argument ${JSON.stringify(first)}: ${commandLine(spec.command)} takes only options`);
  return parsed;
}

/** One line for a parseArgs error, naming the option as the editor typed it. */
function explain(error: NodeJS.ErrnoException, spec: CommandSpec<Options>, args: readonly string[]): string {
  const names = Object.keys(spec.options);
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const end = args.indexOf("--");
    const typed = args.slice(0, end === -1 ? undefined : end).find((arg) => arg.startsWith("-") && !names.includes(optionName(arg))) ?? "";
    const near = closest(optionName(typed), names, (name) => [name]);
    return `unknown option ${typed.split("=")[0]}${near ? ` (did you mean --${near}?)` : ""}`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = names.find((n) => new RegExp(`'--${n}[ ']`).test(error.message));
    if (name !== undefined) return spec.options[name]?.type === "boolean" ? `--${name} takes no value` : `--${name} needs a value after it`;
  }
  return error.message.split(". ")[0] ?? error.message;
}

/** "topci" for "--topci", "-t" or "--topci=x". */
function optionName(arg: string): string {
  return arg.replace(/^--?/, "").split("=")[0] ?? "";
}

/**
 * The first of the command's options that npm took for itself: run through `npm run <command>` without `--`,
 * npm keeps every option as its own setting (`npm_config_<name>`), so the command never sees it.
 */
function keptByNpm(spec: CommandSpec<Options>, args: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (env.npm_lifecycle_event !== spec.command) return undefined;
  // npm reads --no-x as "x is false", which for --no-cache is npm's own cache setting: only plain names can be told apart.
  const name = Object.keys(spec.options).find(
    (n) => !n.startsWith("no-") && env[`npm_config_${n.replace(/-/g, "_")}`] !== undefined && !args.some((arg) => optionName(arg) === n),
  );
  return name === undefined ? undefined : `--${name}`;
}

/** `usage: npm run new -- "Title" …`, or `usage: casefile new "Title" …` when the command was called through the casefile bin. */
export function usageLine(spec: Pick<CommandSpec<Options>, "command" | "usage">): string {
  return `usage: ${commandLine(spec.command)}${throughBin() ? "" : " --"} ${spec.usage}`;
}

/** How the editor calls the command: `npm run check`, or `casefile check` through the bin. */
function commandLine(command: string): string {
  return throughBin() ? `casefile ${command}` : `npm run ${command}`;
}

function throughBin(): boolean {
  return /^casefile(\.mjs)?$/.test(basename(process.argv[1] ?? ""));
}

/** What a command does with its arguments: an exit code, or nothing when it goes on running (the preview server). */
export type CommandMain = (args: string[]) => Promise<number | void> | number | void;

/**
 * Runs a command and returns its exit code: a UsageError is printed as its line and the usage (code 2);
 * anything else is unexpected, and printed whole for whoever reports it (code 1).
 */
export async function runCommand(main: CommandMain, args: string[]): Promise<number | void> {
  try {
    return await main(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${printable(error.message)}\n${error.usage}\n`);
      return 2;
    }
    printError(error);
    return 1;
  }
}

/** An unexpected failure (not a user's mistake): the stack, for whoever reports it. */
export function printError(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/**
 * Runs `main` with the process's arguments when `moduleUrl` is the script node was started with
 * (`tsx src/cli/check.ts`, as the npm scripts do), and exits with its code; does nothing when the module is
 * imported (by the casefile dispatcher).
 */
export function runAsScript(moduleUrl: string, main: CommandMain): void {
  const script = process.argv[1];
  if (script === undefined || realPath(script) !== realPath(fileURLToPath(moduleUrl))) return;
  let settled = false;
  void runCommand(main, process.argv.slice(2)).then((code) => {
    settled = true;
    if (code !== undefined) process.exit(code);
  });
  // Node exits 0 when nothing is left to wait on, even if the command is still waiting for an answer that will never
  // come (a helper process that died unseen, say): CI would take that for success. Exit 1 and say so instead.
  process.once("beforeExit", () => {
    if (settled) return;
    process.stderr.write("Casefile stopped before it finished: it was waiting for something that can no longer happen. This is a bug: please report it.\n");
    process.exit(1);
  });
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

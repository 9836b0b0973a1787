import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { closest } from "../registry.ts";
import { runCommand, type CommandMain } from "./command.ts";

/** The commands `casefile <command>` runs, each the module `npm run <command>` runs. */
const COMMANDS: Record<string, () => Promise<{ main: CommandMain }>> = {
  build: () => import("./build.ts"),
  check: () => import("./check.ts"),
  new: () => import("./new.ts"),
  import: () => import("./import.ts"),
  start: () => import("./start.ts"),
};

const USAGE = `usage: casefile ${Object.keys(COMMANDS).join("|")} [options]`;

/**
 * `casefile <command> [options]` (the package's bin): runs the command in this process, as its npm script
 * would, and returns its exit code. `start` runs under `tsx watch`, as `npm start` does, so a change to a
 * template or a module restarts it.
 */
export async function casefile(args: string[]): Promise<number | void> {
  const [name = "", ...rest] = args;
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    const near = name ? closest(name, Object.keys(COMMANDS), (c) => [c]) : undefined;
    const what = name ? `unknown command ${JSON.stringify(name)}${near ? ` (did you mean "${near}"?)` : ""}` : "no command given";
    process.stderr.write(`${what}\n${USAGE}\n`);
    return 2;
  }
  if (name === "start") return watchStart(rest);
  return runCommand((await load()).main, rest);
}

function watchStart(args: string[]): Promise<number> {
  const tsx = fileURLToPath(import.meta.resolve("tsx/cli"));
  const start = fileURLToPath(new URL("./start.ts", import.meta.url));
  const child = spawn(process.execPath, [tsx, "watch", "--clear-screen=false", start, ...args], { stdio: "inherit" });
  // Ctrl-C reaches the child too (same terminal); this process only waits for it to finish.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1))));
}

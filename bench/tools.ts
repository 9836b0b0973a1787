import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join, resolve } from "node:path";
import { listFiles } from "../src/files.ts";

/** The repository root: every command of the bench runs the project's own installed tools from here. */
export const projectRoot = resolve(import.meta.dirname, "..");
const tsx = join(projectRoot, "node_modules/.bin/tsx");
const eleventyCli = join(projectRoot, "node_modules/@11ty/eleventy/cmd.cjs");
const gnuTime = "/usr/bin/time";

/** One child process to run: program, arguments, working folder and extra environment. */
export interface Command {
  file: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
}

/** `npm run build` of a project folder (its content in `<project>/content`), writing the site to `out`. */
export function casefileBuild(project: string, out: string): Command {
  return { file: tsx, args: [join(projectRoot, "src/cli/build.ts"), "--content", join(project, "content"), "--out", out], cwd: project };
}

/** `npm run check` of a project folder. */
export function casefileCheck(project: string): Command {
  return { file: tsx, args: [join(projectRoot, "src/cli/check.ts"), "--content", join(project, "content")], cwd: project };
}

/** `npm start`'s preview server (without `tsx watch`, which only matters for template edits) on a content folder. */
export function casefileDevServer(contentDir: string, out: string, port: number): Command {
  return { file: tsx, args: [join(projectRoot, "src/cli/start.ts"), "--content", contentDir, "--out", out, "--port", String(port)], cwd: projectRoot };
}

/** The plain Eleventy 3 baseline (bench/baseline/) over a content folder's articles. */
export function baselineBuild(contentDir: string, out: string): Command {
  return {
    file: process.execPath,
    args: [eleventyCli, "--config=bench/baseline/eleventy.config.mjs", `--input=${join(contentDir, "articles")}`, `--output=${out}`, "--quiet"],
    cwd: projectRoot,
  };
}

/**
 * The Hugo site (bench/hugo/) over a content folder's articles. A second config file, written to `scratch`,
 * mounts the articles at content/articles beside the site's own content/ and keeps Hugo's resources out of the repo.
 */
export function hugoBuild(contentDir: string, out: string, scratch: string): Command {
  const config = join(scratch, "hugo-bench.yaml");
  writeFileSync(
    config,
    `resourceDir: ${JSON.stringify(join(scratch, "hugo-resources"))}\n` +
      `module:\n  mounts:\n    - source: content\n      target: content\n    - source: ${JSON.stringify(join(contentDir, "articles"))}\n      target: content/articles\n`,
  );
  return {
    file: "hugo",
    args: ["--source", join(projectRoot, "bench/hugo"), "--config", `hugo.yaml,${config}`, "--destination", out, "--noBuildLock", "--quiet"],
    cwd: projectRoot,
  };
}

/** `hugo version`'s first line, or undefined when no hugo binary is on the PATH. */
export function hugoVersion(): string | undefined {
  const result = spawnSync("hugo", ["version"], { encoding: "utf8", timeout: 10_000 });
  return result.status === 0 ? result.stdout.trim().split("\n")[0] : undefined;
}

/** Whether GNU time is installed, so peak memory (maximum resident set size) can be measured. */
export function canMeasureMemory(): boolean {
  return existsSync(gnuTime) && spawnSync(gnuTime, ["-v", process.execPath, "-e", ""], { timeout: 10_000 }).status === 0;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
  /** GNU time's maximum resident set size of the process tree, in kB; null when not measured. */
  peakRssKb: number | null;
}

// Long logs keep only their end: enough for an error message.
const TAIL = 64 * 1024;
const keepTail = (text: string) => (text.length > TAIL ? text.slice(-TAIL) : text);

/**
 * Runs a command to completion, in its own process group so that a timeout kills it and all its children.
 * With `memory`, it runs under `/usr/bin/time -v` and reports the peak resident set size.
 */
export function run(command: Command, options: { timeoutMs: number; memory?: boolean }): Promise<RunResult> {
  const [file, args] = options.memory ? [gnuTime, ["-v", command.file, ...command.args]] : [command.file, command.args];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawnGroup({ ...command, file, args });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout = keepTail(stdout + chunk.toString())));
    child.stderr.on("data", (chunk: Buffer) => (stderr = keepTail(stderr + chunk.toString())));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, "SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (timedOut) {
        reject(new Error(`timed out after ${Math.round(options.timeoutMs / 1000)} s: ${[command.file, ...command.args].join(" ")}`));
        return;
      }
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      // GNU time appends its report to stderr, starting with "Command being timed" (or "Command exited with non-zero status").
      const own = options.memory ? stderr.replace(/(?:Command exited with non-zero status \d+\n)?\tCommand being timed:[\s\S]*$/, "") : stderr;
      resolvePromise({ status, stdout, stderr: own, ms, peakRssKb: rss ? Number(rss[1]) : null });
    });
  });
}

/** A long-running child process (the dev server): its output so far, and how to stop it. */
export interface Started {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far (its end only, for long runs). */
  output(): string;
  /** How many times `text` has appeared in the output so far. */
  count(text: string): number;
  stop(): Promise<void>;
}

/** Starts a command in its own process group; `stop()` ends the whole group. */
export function start(command: Command): Started {
  const child = spawnGroup(command);
  let output = "";
  const counts = new Map<string, number>();
  const watched = ["Watching", "Updated the preview"];
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    for (const word of watched) counts.set(word, (counts.get(word) ?? 0) + text.split(word).length - 1);
    output = keepTail(output + text);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<void>((done) => child.on("close", () => done()));
  return {
    child,
    output: () => output,
    count: (text) => {
      if (!watched.includes(text)) throw new Error(`not counted: ${text}`);
      return counts.get(text) ?? 0;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, "SIGTERM");
      const killer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

// Children run in their own process groups, so a Ctrl-C reaches only the bench: it ends them with stopAll().
const running = new Set<ChildProcess>();

function spawnGroup(command: Command): ChildProcess & { stdout: NonNullable<ChildProcess["stdout"]>; stderr: NonNullable<ChildProcess["stderr"]> } {
  const child = spawn(command.file, command.args, { cwd: command.cwd, env: { ...process.env, ...command.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.on("close", () => running.delete(child));
  return child;
}

/** Kills every child process the bench started that is still running, with all of their children. */
export function stopAll(): void {
  for (const child of running) killGroup(child, "SIGKILL");
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

/** Waits until `ready()` is true, checking every `everyMs`; throws after `timeoutMs`. */
export async function waitFor(ready: () => boolean, timeoutMs: number, what: string, everyMs = 10): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

export interface OutputStats {
  /** Pages written: index.html files. */
  pages: number;
  files: number;
  bytes: number;
  /** The biggest .html file, by site path. */
  largestHtml: { path: string; bytes: number } | null;
}

/** Counts what a build wrote below `dir`. */
export function outputStats(dir: string): OutputStats {
  const stats: OutputStats = { pages: 0, files: 0, bytes: 0, largestHtml: null };
  for (const file of listFiles(dir)) {
    const size = statSync(join(dir, file)).size;
    stats.files++;
    stats.bytes += size;
    if (basename(file) === "index.html") stats.pages++;
    if (file.endsWith(".html") && size > (stats.largestHtml?.bytes ?? -1)) {
      stats.largestHtml = { path: `/${file}`.replace(/index\.html$/, ""), bytes: size };
    }
  }
  return stats;
}

/** Where a page at `urlPath` ("/timeline/") is written below a site folder. */
export function pageFile(siteDir: string, urlPath: string): string {
  return join(siteDir, urlPath, urlPath.endsWith("/") ? "index.html" : "");
}

export interface PageWeight {
  path: string;
  html: number;
  /** Bytes of the stylesheets the page links. */
  css: number;
  /** Bytes of the scripts the page loads (inline scripts count in `html`); 0 means none. */
  js: number;
}

/** What a reader downloads for one page, uncompressed: its HTML, linked stylesheets and loaded scripts. */
export function pageWeight(siteDir: string, urlPath: string): PageWeight {
  const html = readFileSync(pageFile(siteDir, urlPath), "utf8");
  const sizeOf = (refs: string[]) =>
    [...new Set(refs.map((ref) => new URL(ref, `https://site.invalid${urlPath}`).href))]
      .map((href) => new URL(href))
      .filter((url) => url.hostname === "site.invalid")
      .map((url) => join(siteDir, decodeURIComponent(url.pathname)))
      .filter((file) => existsSync(file))
      .reduce((sum, file) => sum + statSync(file).size, 0);
  const attr = (tag: RegExp, name: string) =>
    [...html.matchAll(tag)].map((m) => new RegExp(`\\s${name}\\s*=\\s*["']?([^"'\\s>]+)`, "i").exec(m[0])?.[1]).filter((v): v is string => !!v);
  const stylesheets = attr(/<link\b[^>]*\brel\s*=\s*["']?stylesheet[^>]*>/gi, "href");
  const scripts = attr(/<script\b[^>]*\bsrc\s*=[^>]*>/gi, "src");
  return { path: urlPath, html: Buffer.byteLength(html), css: sizeOf(stylesheets), js: sizeOf(scripts) };
}

import { load, type CheerioAPI } from "cheerio";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import sharp, { type Sharp } from "sharp";
import { register } from "tsx/esm/api";
import { inject } from "vitest";
import { formatReport, loadArchive, type LoadResult } from "../src/index.ts";
import { formatProblem } from "../src/content/problems.ts";
import { listFiles } from "../src/files.ts";
import { runCommand, type CommandMain } from "../src/cli/command.ts";

export const projectRoot = resolve(import.meta.dirname, "..");
const fixtures = join(projectRoot, "tests/fixtures");

/**
 * Lays out a project folder for a fixture: content/ holds the shared registries of _base/ with the
 * fixture's own files on top. Returns the folder, which the build runs in as an editor's checkout would.
 */
export function fixtureProject(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "casefile-test-"));
  cpSync(join(fixtures, "_base"), join(dir, "content"), { recursive: true });
  for (const name of names) cpSync(join(fixtures, name), join(dir, "content"), { recursive: true });
  return dir;
}

/** Lays out a project folder holding a copy of the shipped content/, as a fresh clone has it. */
export function shippedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "casefile-shipped-"));
  cpSync(join(projectRoot, "content"), join(dir, "content"), { recursive: true });
  return dir;
}

/** Validates a fixture in-process and returns the result, with paths as an editor sees them. */
export async function check(...names: string[]): Promise<LoadResult & { lines: string[] }> {
  const dir = fixtureProject(...names);
  const result = await loadArchive(join(dir, "content"), { cwd: dir });
  return { ...result, lines: result.problems.map(formatProblem) };
}

/** The whole report for a fixture, as the build prints it. */
export async function report(...names: string[]): Promise<string> {
  return formatReport((await check(...names)).problems);
}

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The project folder the build ran in; the site is in `_site/` below it. */
  dir: string;
}

/**
 * The command line of one of the project's commands (src/cli/<name>.ts): the Node.js process `tsx <script>` starts.
 * The tsx command only starts it with tsx's loader and passes signals and the exit code on; starting it directly
 * saves a second Node.js process, about half a second, and a signal reaches the command itself.
 */
export function commandLine(name: "build" | "check" | "new" | "import" | "start"): [string, ...string[]] {
  const tsxFile = (file: string) => join(projectRoot, "node_modules/tsx/dist", file);
  return [process.execPath, "--require", tsxFile("preflight.cjs"), "--import", pathToFileURL(tsxFile("loader.mjs")).href, join(projectRoot, `src/cli/${name}.ts`)];
}

/** Runs one of the project's commands (src/cli/<name>.ts) in a project folder as a real process, as an editor or CI would. */
export function runCli(name: "build" | "check" | "new" | "import", dir: string, args: string[] = [], env: Record<string, string> = {}): BuildRun {
  const loan = name === "build" ? lendCards(dir) : undefined;
  const [node, ...command] = commandLine(name);
  const result = spawnSync(node, [...command, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (name === "build") returnCards(dir, loan, result.status !== 0);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, dir };
}

/**
 * Runs one of the project's commands in this process, in a project folder: its `main` with `args`, as `runAsScript`
 * runs it in `tsx src/cli/<name>.ts` (a mistake in the arguments is its usage line and code 2), with the folder as
 * working directory, `env` added to the environment, and what it writes (its own output, what a library logs, a
 * warning of Node.js) captured as its standard output and error. The same command as `runCli`, without the 2 to 4 s
 * of CPU a new Node.js process spends loading the pipeline through tsx before it does any work. What only a process
 * shows needs `runCli`: the exit status itself, a kill or a signal, the machine's zone or locale (read once, when a
 * process starts), and what it prints while loading. Commands run here one at a time: the working directory, the
 * environment and the output are the process's own.
 */
export async function runHere(name: "build" | "check" | "new" | "import", dir: string, args: string[] = [], env: Record<string, string> = {}): Promise<BuildRun> {
  const { main } = (await import(`../src/cli/${name}.ts`)) as { main: CommandMain };
  // After the pipeline's libraries are loaded, so that they do not go through tsx's loader.
  registerTsx();
  if (running) throw new Error(`runHere: npm run ${running} is still running in this process`);
  running = name;
  const loan = name === "build" ? lendCards(dir) : undefined;
  const cwd = process.cwd();
  const savedEnv = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const output = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const tty = process.stdout.isTTY;
  const capture = (stream: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  // What a library logs goes where it would from the command's process: the test runner puts a console of its own here.
  const logs = { log: console.log, info: console.info, debug: console.debug, warn: console.warn, error: console.error };
  const log = (stream: "stdout" | "stderr") => (...values: unknown[]) => void (output[stream] += `${format(...values)}\n`);
  // A warning Node.js prints on the command's standard error (a deprecation, an experimental feature).
  const warned = (warning: Error) => void (output.stderr += `(node:${process.pid}) ${warning.name}: ${warning.message}\n`);
  let status: number | null;
  try {
    process.chdir(dir);
    Object.assign(process.env, env);
    // As through spawnSync's pipe: the build shows its stages only on a terminal.
    process.stdout.isTTY = false;
    process.stdout.write = capture("stdout");
    process.stderr.write = capture("stderr");
    Object.assign(console, { log: log("stdout"), info: log("stdout"), debug: log("stdout"), warn: log("stderr"), error: log("stderr") });
    process.on("warning", warned);
    status = (await runCommand(main, args)) ?? null;
  } finally {
    process.off("warning", warned);
    Object.assign(console, logs);
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.stdout.isTTY = tty;
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    process.chdir(cwd);
    running = undefined;
  }
  if (name === "build") returnCards(dir, loan, status !== 0);
  return { status, ...output, dir };
}

let running: string | undefined;
let tsxRegistered = false;

/**
 * Registers tsx's loader in this process, once: Eleventy imports .eleventy.ts and the templates with Node's own
 * loader, which reads TypeScript only then, as in the process `npm run build` or `npm start` starts.
 */
export function registerTsx(): void {
  if (tsxRegistered) return;
  register();
  tsxRegistered = true;
}

// The card pool: every social card drawn by a test build in this run, named as the card cache names them (a hash of
// the card's SVG, the renderer and the fonts). Made and removed by tests/suite-setup.ts, vitest's global setup.
const CARD_FILE = /^[0-9a-f]{32}\.png$/;
const cardsOf = (dir: string) => join(dir, ".cache/casefile/cards");
const drawingProjects = new Set<string>();

/** Marks a project whose builds draw every card themselves, as on a machine that never built it: for tests of what a build draws. */
export function drawsOwnCards(dir: string): string {
  drawingProjects.add(resolve(dir));
  return dir;
}

/** What `lendCards` put into a project: the folders it made (outermost first) and each card it linked, with its inode. */
interface CardLoan {
  folders: string[];
  cards: Map<string, number>;
}

/**
 * Lends a project that has no card cache of its own yet every card the pool holds, as hard links in its
 * `.cache/casefile/cards/`, so its build draws only the cards no earlier build of this run drew: it publishes what a
 * build with a warm card cache publishes. A project that has a card cache (a test that built it before, or set the
 * cache up itself) or that draws its own cards is left alone. `npm start` in a project takes the same cache.
 */
export function lendCards(dir: string): CardLoan | undefined {
  const cards = cardsOf(dir);
  if (drawingProjects.has(resolve(dir)) || existsSync(cards)) return undefined;
  const cardPool = inject("cardPool");
  const folders: string[] = [];
  for (let folder = cards; !existsSync(folder); folder = dirname(folder)) folders.unshift(folder);
  mkdirSync(cards, { recursive: true });
  const lent = new Map<string, number>();
  for (const name of readdirSync(cardPool)) {
    if (!CARD_FILE.test(name)) continue;
    const file = join(cards, name);
    linkSync(join(cardPool, name), file);
    lent.set(file, statSync(file).ino);
  }
  return { folders, cards: lent };
}

/**
 * After a build: the cards it drew go into the pool. A failed build gives back what it was lent, so its project
 * holds only what the build itself wrote (a build refused before it draws anything leaves no `.cache`).
 */
function returnCards(dir: string, loan: CardLoan | undefined, failed: boolean): void {
  const cardPool = inject("cardPool");
  const cards = cardsOf(dir);
  if (existsSync(cards)) {
    for (const name of readdirSync(cards)) {
      if (!CARD_FILE.test(name) || existsSync(join(cardPool, name))) continue;
      try {
        linkSync(join(cards, name), join(cardPool, name));
      } catch (error) {
        // Another worker's build drew the same card at the same moment: the pool has it.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  }
  if (!failed || !loan) return;
  for (const [file, ino] of loan.cards) if (existsSync(file) && statSync(file).ino === ino) unlinkSync(file);
  for (const folder of [...loan.folders].reverse()) {
    if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
  }
}

/** Runs `npm run build`'s command in a project folder. */
export function runBuild(dir: string, env: Record<string, string> = {}): BuildRun {
  return runCli("build", dir, [], env);
}

/** Runs `npm run build`'s command in a project folder, in this process (see `runHere`). */
export function buildHere(dir: string, env: Record<string, string> = {}): Promise<BuildRun> {
  return runHere("build", dir, [], env);
}

/**
 * A fresh project folder holding fixtures with one good build behind it (content/, _site/ and .cache/), and that
 * build's report. Fails loudly if the build did.
 */
export function buildFixture(...names: string[]): Promise<BuildRun> {
  return builtFixture(names);
}

/** As `buildFixture`, for a build run as `npm run build -- <args>` with `env`. */
export function builtFixture(names: string[], request: BuildRequest = {}): Promise<BuildRun> {
  return builtProject(`fixtures ${names.join(" ")}`, () => fixtureProject(...names), request);
}

/** A fresh project folder holding the shipped content/ with one good build behind it (run with `env`), and that build's report. */
export function builtShipped(env: Record<string, string> = {}): Promise<BuildRun> {
  return builtProject("shipped", shippedProject, { env });
}

/** The valid-archive and article-photos fixtures with their photos (`writeFixturePhotos`), built once: the build's report. */
export async function builtWithPhotos(): Promise<BuildRun> {
  const name = "fixtures valid-archive article-photos, with the fixture photos";
  const home = builtHome(name, {});
  if (claimBuild(home)) {
    try {
      const dir = fixtureProject("valid-archive", "article-photos");
      await writeFixturePhotos(dir);
      publishBuild(home, await buildHere(dir));
    } catch (error) {
      publishFailure(home, error);
    }
  }
  return copyBuilt(home, name);
}

interface BuildRequest {
  env?: Record<string, string>;
  args?: string[];
}

/**
 * A copy of the project `make` lays out, built once in this run (`npm run build -- <args>`, with `env`, in the
 * process of the test file that asks first: see `runHere`): any other asking meanwhile waits for that build, and
 * each caller gets a copy of the whole built folder with the build's report. A copy builds as the original would:
 * the site's mark, the output keys and the caches name files relative to the project, never by the folder it was
 * built in.
 */
async function builtProject(name: string, make: () => string, request: BuildRequest = {}): Promise<BuildRun> {
  const home = builtHome(name, request);
  if (claimBuild(home)) {
    try {
      publishBuild(home, await runHere("build", make(), request.args, request.env));
    } catch (error) {
      publishFailure(home, error);
    }
  }
  return copyBuilt(home, name);
}

function builtHome(name: string, request: BuildRequest): string {
  return join(inject("builtProjects"), createHash("sha256").update(`${name}\0${JSON.stringify(request.args ?? [])}\0${JSON.stringify(request.env ?? {})}`).digest("hex").slice(0, 16));
}

/** Whether this caller builds the project: only the first to make its folder does. */
function claimBuild(home: string): boolean {
  try {
    mkdirSync(home);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

function publishBuild(home: string, run: BuildRun): void {
  renameSync(run.dir, join(home, "project"));
  writeReport(home, run);
}

/** What the callers waiting for a build are told when laying out or building the project threw. */
function publishFailure(home: string, error: unknown): void {
  writeReport(home, { status: null, stdout: "", stderr: error instanceof Error ? (error.stack ?? error.message) : String(error), dir: "" });
}

function writeReport(home: string, run: BuildRun): void {
  writeFileSync(join(home, "build.json.tmp"), JSON.stringify(run));
  renameSync(join(home, "build.json.tmp"), join(home, "build.json"));
}

async function copyBuilt(home: string, name: string): Promise<BuildRun> {
  const report = join(home, "build.json");
  for (const started = Date.now(); !existsSync(report); ) {
    if (Date.now() - started > 300_000) throw new Error(`the build of ${name} that another test file started never finished`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const run = JSON.parse(readFileSync(report, "utf8")) as BuildRun;
  if (run.status !== 0) throw new Error(`build of ${name} failed (${run.status}):\n${run.stderr}`);
  // Beside the builds, so the run's end removes the copies too.
  const dir = mkdtempSync(join(dirname(home), "copy-"));
  cpSync(join(home, "project"), dir, { recursive: true });
  return { ...run, dir };
}

/** Parses a built page with a spec-compliant HTML parser. `urlPath` is as a reader types it: "/timeline/". */
export function page(dir: string, urlPath: string): CheerioAPI {
  const file = join(dir, "_site", urlPath, urlPath.endsWith("/") ? "index.html" : "");
  if (!existsSync(file)) throw new Error(`no page was written at ${urlPath}`);
  return load(readFileSync(file, "utf8"));
}

/** Every file below `root` with a SHA-256 of its bytes, sorted by path. */
export function treeHashes(root: string): Record<string, string> {
  return Object.fromEntries(listFiles(root).map((file) => [file, createHash("sha256").update(readFileSync(join(root, file))).digest("hex")]));
}

/**
 * The headers a static host (Netlify, Cloudflare Pages) sends for a request path from the rules of a `_headers`
 * file, as those hosts match them: every rule whose path pattern matches applies (a `*` matches any characters,
 * a `:name` one path segment), and a header set by several rules is joined with ", ".
 */
export function headersFor(headersFile: string, path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let applies = false;
  for (const line of headersFile.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      applies = pathPattern(line.trim()).test(path);
      continue;
    }
    const header = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (header && applies) headers[header[1]!] = headers[header[1]!] ? `${headers[header[1]!]}, ${header[2]!}` : header[2]!;
  }
  return headers;
}

function pathPattern(rule: string): RegExp {
  const literal = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z]\w*/g, "[^/]+");
  return new RegExp(`^${rule.split("*").map(literal).join(".*")}$`);
}

/** What the lead photo of the article-photos fixture carries that no published file may: camera, serial number, place, owner. */
export const PHOTO_SECRETS = ["SpyCam", "SN-8842-1177", "Secret Safehouse", "Leaky Agency"];

/**
 * A JPEG that would betray its source: a wide-gamut colour profile, the camera's make and serial number, GPS
 * coordinates and an XMP city. Every published copy must carry none of it.
 */
export function hostilePhoto(width: number, height: number, background: string): Sharp {
  return sharp({ create: { width, height, channels: 3, background } })
    .withIccProfile("p3")
    .withExif({
      IFD0: { Make: "SpyCam", Model: "X100", Copyright: "Leaky Agency" },
      IFD2: { BodySerialNumber: "SN-8842-1177" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 2616/100", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 3960/100" },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Secret Safehouse"/></rdf:RDF></x:xmpmeta>')
    .jpeg();
}

/**
 * Makes the photos of the article-photos fixture in a project folder and returns their bytes: the lead photo as a
 * hostile camera would leave it (EXIF with GPS and a serial number, XMP naming a place, a Display P3 profile), a
 * photo for the body, and a narrow PNG with transparency under content/shared/.
 */
export async function writeFixturePhotos(dir: string): Promise<Buffer[]> {
  const articles = join(dir, "content/articles/2022/court");
  const crowd = await hostilePhoto(2400, 1600, "#884422").toBuffer();
  const queue = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#224488" } }).jpeg().toBuffer();
  const tower = await sharp({ create: { width: 300, height: 500, channels: 4, background: "#22448880" } }).png().toBuffer();
  mkdirSync(articles, { recursive: true });
  mkdirSync(join(dir, "content/shared"), { recursive: true });
  writeFileSync(join(articles, "crowd.jpg"), crowd);
  writeFileSync(join(articles, "queue.jpg"), queue);
  writeFileSync(join(dir, "content/shared/tower.png"), tower);
  return [crowd, queue, tower];
}

import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { measureCards, type CardCost } from "./cards.ts";
import { generateCorpus, type GeneratedCorpus } from "./generate.ts";
import {
  baselineBuild,
  canMeasureMemory,
  casefileBuild,
  casefileCheck,
  casefileDevServer,
  freePort,
  hugoBuild,
  hugoVersion,
  outputStats,
  pageFile,
  pageWeight,
  projectRoot,
  run,
  start,
  stopAll,
  waitFor,
  type Command,
  type OutputStats,
  type PageWeight,
  type RunResult,
  type Started,
} from "./tools.ts";

// `npm run bench [-- --sizes 1000,10000 --runs 3 --seed 1 --timeout 1800]`: builds generated archives with Casefile,
// a plain Eleventy baseline and Hugo side by side, and prints and saves a Markdown table of the results.

type ToolId = "casefile" | "eleventy" | "hugo";
const LABEL: Record<ToolId, string> = { casefile: "Casefile", eleventy: "plain Eleventy", hugo: "Hugo" };
/** The dev-server rebuild is measured up to this size only. */
const DEV_SERVER_MAX = 10_000;

interface Timing {
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** The highest peak resident set size over the runs, in kB; null when GNU time is not installed. */
  peakRssKb: number | null;
}

interface BuildResult {
  tool: ToolId;
  timing?: Timing;
  output?: OutputStats;
  /** How many of the generated articles have their page at their date URL. */
  articlePages?: number;
  /** The last lines the build printed (Casefile prints its stage times). */
  said?: string;
  error?: string;
}

/** The two edits the bench makes: one that changes only the article's own page, one that changes every list holding it. */
type EditKind = "body" | "title";
const EDIT_KINDS: EditKind[] = ["body", "title"];
/** The preview is also timed on a date edit, which orders the archive anew. */
type PreviewEditKind = EditKind | "date";
const PREVIEW_EDIT_KINDS: PreviewEditKind[] = [...EDIT_KINDS, "date"];

/**
 * Edits an article file; returns text its page shows only once the edit is rendered. A date edit moves the article
 * to the first of its month (and adds the text to its body): `movedPath` gives its page's new path.
 */
function editArticle(file: string, kind: PreviewEditKind, n: number): string {
  const marker = `benchmarker${Date.now()}n${n}${kind}`;
  if (kind === "body") appendFileSync(file, `\n${marker}\n`);
  else if (kind === "title") writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: "Edited ${marker}"`));
  else writeFileSync(file, `${readFileSync(file, "utf8").replace(/^date: (\d{4}-\d\d)-\d\d$/m, "date: $1-01")}\n${marker}\n`);
  return marker;
}

/** The path of an article's page after a date edit moved it to the first of its month. */
function movedPath(path: string): string {
  return path.replace(/^(.*\/\d{4}\/\d\d\/)\d\d\//, "$101/");
}

interface DevRebuild {
  firstBuildMs: number;
  /** From the write of one article to its rebuilt page on disk, once per edit, by kind of edit. */
  rebuildMs: Record<PreviewEditKind, number[]>;
  medianMs: Record<PreviewEditKind, number>;
}

interface SizeResult {
  articles: number;
  people: number;
  topics: number;
  builds: BuildResult[];
  check: { timing?: Timing; error?: string };
  /** Casefile rebuilds after one article's body, then its title, changed, with the caches the previous build left. */
  warmBuild: Record<EditKind, { timing: Timing; said: string } | { error: string }>;
  devRebuild: DevRebuild | { skipped: string } | { error: string };
  pageWeight: PageWeight[] | { error: string };
  cards: CardCost | { error: string };
}

interface Machine {
  nproc: number;
  cpu: string;
  memoryBytes: number;
  node: string;
  eleventy: string;
  hugo: string | null;
  os: string;
  /** The checked-out commit and how many files differ from it (`git status --porcelain`), at the start and the end: others may be editing. */
  code: { start: CodeState; end: CodeState };
  loadAverage: { start: number[]; end: number[] };
}

interface CodeState {
  commit: string;
  uncommitted: number;
}

interface Options {
  sizes: number[];
  runs: number;
  seed: number;
  timeoutMs: number;
  memory: boolean;
  hugo: boolean;
}

const temps = new Set<string>();
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000" },
      runs: { type: "string", default: "3" },
      seed: { type: "string", default: "1" },
      timeout: { type: "string", default: "1800" },
    },
  });
  const sizes = values.sizes.split(",").map((s) => Number(s.trim().replaceAll("_", "")));
  const runs = Number(values.runs);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1) || !Number.isInteger(runs) || runs < 1) {
    throw new Error("usage: npm run bench -- [--sizes 1000,10000] [--runs 3] [--seed 1] [--timeout <seconds per command>]");
  }
  const hugo = hugoVersion();
  const memory = canMeasureMemory();
  if (!hugo) log("No hugo binary on the PATH: Hugo is left out (apt-get install hugo to include it).");
  if (!memory) log("No /usr/bin/time (GNU time): peak memory is reported as n/a (apt-get install time to measure it).");
  if (runs < 3) log(`Only ${runs} run(s) per build: medians need at least 3 to mean much.`);
  const options: Options = { sizes, runs, seed: Number(values.seed), timeoutMs: Number(values.timeout) * 1000, memory, hugo: !!hugo };

  const loadStart = os.loadavg();
  const codeStart = codeState();
  const started = new Date();
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await benchSize(size, options));
  const machine = describeMachine(hugo, loadStart, codeStart);
  const command = `npm run bench -- --sizes ${sizes.join(",")} --runs ${runs}${options.seed === 1 ? "" : ` --seed ${options.seed}`}`;
  const markdown = report(results, machine, command, started);
  process.stdout.write(`${markdown}\n`);

  const resultsDir = join(projectRoot, "bench/results");
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `bench-${started.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ date: started.toISOString(), command, options, machine, results, markdown }, null, 2)}\n`);
  log(`Saved ${file}`);
}

/** Generates one corpus and measures everything on it; the corpus and every output are removed afterwards. */
async function benchSize(size: number, options: Options): Promise<SizeResult> {
  const tmp = mkdtempSync(join(os.tmpdir(), `casefile-bench-${size}-`));
  temps.add(tmp);
  try {
    log(`\n${count(size)} articles: generating the corpus in ${tmp}`);
    const project = join(tmp, "project");
    const corpus = generateCorpus(join(project, "content"), { articles: size, seed: options.seed });
    const siteOf = (tool: ToolId) => join(tmp, `site-${tool}`);
    const tools: { id: ToolId; command: Command }[] = [
      { id: "casefile", command: casefileBuild(project, siteOf("casefile")) },
      { id: "eleventy", command: baselineBuild(corpus.dir, siteOf("eleventy")) },
    ];
    if (options.hugo) tools.push({ id: "hugo", command: hugoBuild(corpus.dir, siteOf("hugo"), tmp) });

    const runsOf = new Map<ToolId, RunResult[]>(tools.map((t) => [t.id, []]));
    const errors = new Map<ToolId, string>();
    for (let r = 0; r < options.runs; r++) {
      // Alternate, and rotate who goes first, so drift on a shared machine falls on every tool alike.
      for (let k = 0; k < tools.length; k++) {
        const tool = tools[(r + k) % tools.length]!;
        if (errors.has(tool.id)) continue;
        rmSync(siteOf(tool.id), { recursive: true, force: true });
        // Every measured Casefile build is cold: no validation cache from an earlier run.
        if (tool.id === "casefile") rmSync(join(project, ".cache"), { recursive: true, force: true });
        const result = await measure(tool.command, options);
        if (typeof result === "string") {
          errors.set(tool.id, result);
          log(`  run ${r + 1}/${options.runs}  ${LABEL[tool.id]}: FAILED ${result}`);
          continue;
        }
        runsOf.get(tool.id)!.push(result);
        log(`  run ${r + 1}/${options.runs}  ${LABEL[tool.id].padEnd(14)} ${seconds(result.ms).padStart(8)}  ${memoryText(result.peakRssKb)}`);
      }
    }

    const builds: BuildResult[] = tools.map(({ id }) => {
      const error = errors.get(id);
      if (error) return { tool: id, error };
      const site = siteOf(id);
      const done = runsOf.get(id)!;
      return {
        tool: id,
        timing: timing(done),
        output: outputStats(site),
        articlePages: corpus.articles.filter((a) => existsSync(pageFile(site, a.path))).length,
        said: lastLines(done.at(-1)!.stdout, 2),
      };
    });
    // One after the other: both rebuild the same published site.
    const warmBuild = {} as SizeResult["warmBuild"];
    for (const kind of EDIT_KINDS) {
      warmBuild[kind] = errors.has("casefile") ? { error: "the Casefile build failed" } : await measureWarmBuild(corpus, project, siteOf("casefile"), kind, options);
    }
    const article = corpus.articles[Math.floor(corpus.articles.length / 2)]!;
    const pageWeights = errors.has("casefile")
      ? { error: "the Casefile build failed" }
      : await attempt(() => ["/", article.path, "/timeline/"].map((path) => pageWeight(siteOf("casefile"), path)));
    for (const tool of tools) rmSync(siteOf(tool.id), { recursive: true, force: true });

    log(`  npm run check × ${options.runs}`);
    const checks: RunResult[] = [];
    let checkError: string | undefined;
    for (let r = 0; r < options.runs && !checkError; r++) {
      const result = await measure(casefileCheck(project), options);
      if (typeof result === "string") checkError = result;
      else checks.push(result);
    }

    log("  social cards: drawn into an empty cache, then found in it");
    const cardCost = await attempt(() => measureCards(corpus.dir, project));

    let devRebuild: SizeResult["devRebuild"];
    if (size > DEV_SERVER_MAX) devRebuild = { skipped: `above ${count(DEV_SERVER_MAX)} articles` };
    else {
      log(`  dev server: first build, then ${options.runs} one-article edits`);
      const measured = await attempt(() => measureDevRebuild(corpus, tmp, options));
      devRebuild = typeof measured === "string" ? { error: measured } : measured;
    }

    return {
      articles: size,
      people: corpus.people,
      topics: corpus.topics,
      builds,
      check: checkError ? { error: checkError } : { timing: timing(checks) },
      warmBuild,
      devRebuild,
      pageWeight: typeof pageWeights === "string" ? { error: pageWeights } : pageWeights,
      cards: typeof cardCost === "string" ? { error: cardCost } : cardCost,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    temps.delete(tmp);
  }
}

/**
 * The rebuild an editor or a CI with its caches sees: the last build's site and caches are left in place, one
 * article's body (or title) changes, and the site is built again, `runs` times (a different article each time).
 */
async function measureWarmBuild(corpus: GeneratedCorpus, project: string, site: string, kind: EditKind, options: Options): Promise<SizeResult["warmBuild"][EditKind]> {
  log(`  Casefile rebuild after a one-article ${kind} edit, caches warm × ${options.runs}`);
  const done: RunResult[] = [];
  for (let edit = 1; edit <= options.runs; edit++) {
    const article = corpus.articles[Math.floor((edit * corpus.articles.length) / (options.runs + 2)) + (kind === "title" ? 1 : 0)]!;
    editArticle(join(corpus.dir, article.file), kind, edit);
    const result = await measure(casefileBuild(project, site), options);
    if (typeof result === "string") return { error: result };
    done.push(result);
    log(`    edit ${edit}: ${seconds(result.ms)}  ${memoryText(result.peakRssKb)}`);
  }
  return { timing: timing(done), said: lastLines(done.at(-1)!.stdout, 2) };
}

/**
 * Starts the dev server on the corpus and waits until it says it is watching (its first build done and its
 * watcher ready), then edits one article's body at a time and times each write until the page on disk has the edit.
 */
async function measureDevRebuild(corpus: GeneratedCorpus, tmp: string, options: Options): Promise<DevRebuild> {
  const out = join(tmp, "preview");
  const server = start(casefileDevServer(corpus.dir, out, await freePort()));
  const alive = () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`the dev server exited: ${lastLines(server.output(), 8)}`);
    return true;
  };
  // Each update after an edit prints one line: "Updated the preview: …".
  const updates = () => server.count("Updated the preview");
  try {
    const started = performance.now();
    await waitFor(() => alive() && server.count("Watching") > 0, options.timeoutMs, "the dev server's first build", 50);
    const firstBuildMs = performance.now() - started;
    const rebuildMs: Record<PreviewEditKind, number[]> = { body: [], title: [], date: [] };
    for (const kind of PREVIEW_EDIT_KINDS) {
      for (let edit = 1; edit <= options.runs; edit++) {
        let at = Math.floor((edit * corpus.articles.length) / (options.runs + 1)) + PREVIEW_EDIT_KINDS.indexOf(kind);
        // A date edit moves an article to the first of its month: one already there would not move.
        while (kind === "date" && /\/\d{4}\/\d\d\/01\//.test(corpus.articles[at]!.path)) at++;
        const article = corpus.articles[at]!;
        const page = pageFile(out, kind === "date" ? movedPath(article.path) : article.path);
        const before = updates();
        const written = performance.now();
        const marker = editArticle(join(corpus.dir, article.file), kind, edit);
        await waitFor(() => alive() && existsSync(page) && readFileSync(page, "utf8").includes(marker), options.timeoutMs, `the rebuilt page ${article.path}`);
        rebuildMs[kind].push(performance.now() - written);
        log(`    ${kind} edit ${edit}: ${seconds(rebuildMs[kind].at(-1)!)}`);
        // Let the update finish (lists and feeds may be written after the page) before the next edit.
        await waitFor(() => alive() && updates() > before, options.timeoutMs, "the dev server's update", 50);
      }
    }
    return { firstBuildMs, rebuildMs, medianMs: { body: median(rebuildMs.body), title: median(rebuildMs.title), date: median(rebuildMs.date) } };
  } finally {
    await server.stop();
  }
}

/** Runs a command once, timed; a failure (an error, a timeout, a non-zero exit) comes back as its message. */
async function measure(command: Command, options: Options): Promise<RunResult | string> {
  const result = await attempt(() => run(command, { timeoutMs: options.timeoutMs, memory: options.memory }));
  if (typeof result === "string" || result.status === 0) return result;
  return `exit ${result.status}: ${lastLines(result.stderr || result.stdout, 8)}`;
}

/** Runs `work`; a thrown error comes back as its message, so one failing measure does not lose the others. */
async function attempt<T>(work: () => T | Promise<T>): Promise<T | string> {
  try {
    return await work();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function timing(results: RunResult[]): Timing {
  const ms = results.map((r) => r.ms);
  const rss = results.map((r) => r.peakRssKb).filter((kb): kb is number => kb !== null);
  return { runsMs: ms, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), peakRssKb: rss.length ? Math.max(...rss) : null };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function codeState(): CodeState {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: projectRoot, encoding: "utf8", timeout: 10_000 }).stdout?.trim() ?? "";
  return { commit: git("rev-parse", "--short", "HEAD") || "unknown", uncommitted: git("status", "--porcelain").split("\n").filter(Boolean).length };
}

function describeMachine(hugo: string | undefined, loadStart: number[], codeStart: CodeState): Machine {
  const eleventy = JSON.parse(readFileSync(join(projectRoot, "node_modules/@11ty/eleventy/package.json"), "utf8")) as { version: string };
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryBytes: os.totalmem(),
    node: process.version,
    eleventy: eleventy.version,
    hugo: hugo ?? null,
    os: `${os.type()} ${os.release()}`,
    code: { start: codeStart, end: codeState() },
    loadAverage: { start: loadStart, end: os.loadavg() },
  };
}

// ---- The Markdown report ----

function report(results: SizeResult[], machine: Machine, command: string, date: Date): string {
  const code = (c: CodeState) => `${c.commit}${c.uncommitted ? ` plus ${c.uncommitted} uncommitted files` : ""}`;
  const { start, end } = machine.code;
  const lines = [
    `Measured ${date.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${command}\`.`,
    "",
    `Machine: ${machine.nproc} CPUs (${machine.cpu}), ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GB memory, ${machine.os}; ` +
      `Node ${machine.node}, Eleventy ${machine.eleventy}, ${machine.hugo ?? "no Hugo"}. ` +
      (code(start) === code(end) ? `Code at ${code(start)}; ` : `The code changed during the run: ${code(start)} at the start, ${code(end)} at the end; `) +
      `load average ${machine.loadAverage.start.map((n) => n.toFixed(1)).join(" ")} at the start, ${machine.loadAverage.end.map((n) => n.toFixed(1)).join(" ")} at the end.`,
  ];
  for (const size of results) lines.push("", ...sizeReport(size));
  if (results.length > 1) lines.push("", ...growthReport(results));
  return lines.join("\n");
}

function sizeReport(size: SizeResult): string[] {
  const byTool = new Map(size.builds.map((b) => [b.tool, b]));
  const tools = size.builds.map((b) => b.tool);
  const others = tools.filter((t) => t !== "casefile");
  const cf = byTool.get("casefile");
  const cell = (tool: ToolId, show: (b: BuildResult) => string) => {
    const b = byTool.get(tool)!;
    return b.error ? "failed" : show(b);
  };
  const ratio = (value: (b: BuildResult) => number | null | undefined) => (tool: ToolId) => {
    const a = cf && !cf.error ? value(cf) : null;
    const b = byTool.get(tool)!;
    const v = b.error ? null : value(b);
    return a && v ? `${(a / v).toFixed(2)}×` : "n/a";
  };
  const row = (measure: string, show: (b: BuildResult) => string, ratioOf?: (tool: ToolId) => string) =>
    `| ${measure} | ${tools.map((t) => cell(t, show)).join(" | ")} | ${others.map((t) => (ratioOf ? ratioOf(t) : "")).join(" | ")} |`;
  const t = (b: BuildResult) => b.timing!;
  const out = [
    `### ${count(size.articles)} articles (${size.people} people, ${size.topics} topics)`,
    "",
    `| measure | ${tools.map((id) => LABEL[id]).join(" | ")} | ${others.map((id) => `Casefile / ${LABEL[id]}`).join(" | ")} |`,
    `| --- | ${tools.map(() => "---:").join(" | ")} | ${others.map(() => "---:").join(" | ")} |`,
    row("build time, median (min–max)", (b) => `${seconds(t(b).medianMs)} (${seconds(t(b).minMs)}–${seconds(t(b).maxMs)})`, ratio((b) => b.timing?.medianMs)),
    row("time per article (median)", (b) => `${(t(b).medianMs / size.articles).toFixed(2)} ms`),
    row("peak memory (max RSS)", (b) => memoryText(t(b).peakRssKb), ratio((b) => b.timing?.peakRssKb)),
    row("pages written (index.html)", (b) => count(b.output!.pages), ratio((b) => b.output?.pages)),
    row("articles at their date URL", (b) => `${count(b.articlePages!)} / ${count(size.articles)}`),
    row("output size", (b) => bytes(b.output!.bytes), ratio((b) => b.output?.bytes)),
    row("largest HTML page", (b) => (b.output!.largestHtml ? `${bytes(b.output!.largestHtml.bytes)} ${b.output!.largestHtml.path}` : "none")),
  ];
  const failures = size.builds.filter((b) => b.error);
  if (failures.length) out.push("", ...failures.map((b) => `${LABEL[b.tool]} failed: ${b.error}`));

  const buildMs = cf?.timing?.medianMs;
  const check = size.check.timing;
  const dev = size.devRebuild;
  out.push(
    "",
    "| Casefile measure | value |",
    "| --- | --- |",
    `| \`npm run check\`, median (min–max) | ${
      check
        ? `${seconds(check.medianMs)} (${seconds(check.minMs)}–${seconds(check.maxMs)}), ${memoryText(check.peakRssKb)}${buildMs ? `; ${((100 * check.medianMs) / buildMs).toFixed(0)}% of the full build` : ""}`
        : `failed: ${size.check.error}`
    } |`,
    ...EDIT_KINDS.map((kind) => {
      const warm = size.warmBuild[kind];
      if ("error" in warm) return `| rebuild after one article's ${kind} changed, caches warm | failed: ${warm.error} |`;
      const against = others.map((tool) => {
        const cold = byTool.get(tool)?.timing?.medianMs;
        return cold ? `${(warm.timing.medianMs / cold).toFixed(2)}× ${LABEL[tool]}'s cold build` : `${LABEL[tool]} n/a`;
      });
      return (
        `| rebuild after one article's ${kind} changed, caches warm: median (min–max) | ${seconds(warm.timing.medianMs)} (${seconds(warm.timing.minMs)}–${seconds(warm.timing.maxMs)}), ` +
        `${memoryText(warm.timing.peakRssKb)}; ${against.join(", ")}; it said: ${warm.said.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|")} |`
      );
    }),
    ...PREVIEW_EDIT_KINDS.map(
      (kind) =>
        `| preview, one article's ${kind} edited: write → page on disk, median (each edit) | ${
          "skipped" in dev
            ? `not measured (${dev.skipped})`
            : "error" in dev
              ? `failed: ${dev.error}`
              : `${seconds(dev.medianMs[kind])} (${dev.rebuildMs[kind].map(seconds).join(", ")}); first build ${seconds(dev.firstBuildMs)}`
        } |`,
    ),
  );
  const warmBody = size.warmBuild.body;
  const warmMs = "timing" in warmBody ? warmBody.timing.medianMs : undefined;
  out.push(
    "error" in size.cards
      ? `| social cards | failed: ${size.cards.error} |`
      : `| social cards (${count(size.cards.cards)}): drawn cold; found in the card cache | ${seconds(size.cards.coldMs)} (${(size.cards.coldMs / size.cards.cards).toFixed(1)} ms a card, ${os.availableParallelism()} cores); ` +
          `${seconds(size.cards.cachedMs)}${warmMs ? `, ${((100 * size.cards.cachedMs) / warmMs).toFixed(1)}% of the warm body-edit rebuild (which carries unchanged cards over and reads none)` : ""} |`,
  );
  if ("error" in size.pageWeight) out.push(`| page weight | ${size.pageWeight.error} |`);
  else {
    const names = ["home page", "an article", "timeline"];
    size.pageWeight.forEach((w, i) =>
      out.push(
        `| page weight, ${names[i]} (${w.path}): HTML + CSS | ${bytes(w.html + w.css)} (HTML ${bytes(w.html)}, CSS ${bytes(w.css)})${w.js ? `; plus ${bytes(w.js)} of scripts` : "; no scripts"} |`,
      ),
    );
  }
  return out;
}

/** Time per article from one size to the next, per tool: 1.00× is linear. */
function growthReport(results: SizeResult[]): string[] {
  const tools = [...new Set(results.flatMap((r) => r.builds.map((b) => b.tool)))];
  const perArticle = (r: SizeResult, tool: ToolId) => {
    const b = r.builds.find((x) => x.tool === tool);
    return b?.timing ? b.timing.medianMs / r.articles : null;
  };
  const out = [
    "Growth of the median build time per article (1.00× is linear):",
    "",
    `| sizes | ${tools.map((t) => LABEL[t]).join(" | ")} |`,
    `| --- | ${tools.map(() => "---:").join(" | ")} |`,
  ];
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1]!, results[i]!];
    const cells = tools.map((t) => {
      const [x, y] = [perArticle(a, t), perArticle(b, t)];
      return x && y ? `${(y / x).toFixed(2)}×` : "n/a";
    });
    out.push(`| ${count(a.articles)} → ${count(b.articles)} | ${cells.join(" | ")} |`);
  }
  return out;
}

function lastLines(text: string, n: number): string {
  return text.trim().split("\n").slice(-n).join(" ⏎ ");
}

function count(n: number): string {
  return n.toLocaleString("en-GB");
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function memoryText(kb: number | null): string {
  if (kb === null) return "n/a";
  return kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(2)} GB` : `${Math.round(kb / 1024)} MB`;
}

function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`;
}

/** Ends every child process and removes every temporary folder the bench made. */
function cleanUp(): void {
  stopAll();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}

// Ctrl-C or a kill: clean up before leaving.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

main().catch((error: unknown) => {
  cleanUp();
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

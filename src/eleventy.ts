import Eleventy from "@11ty/eleventy";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ContentError } from "./content/problems.ts";
import { makeArchiveCopies } from "./media/images.ts";
import type { Archive } from "./types.ts";

/** What the build or the preview asks one Eleventy run to do. */
export interface RenderJob {
  archive: Archive;
  /** The folder Eleventy writes to (absolute). */
  dir: string;
  /** The key of each file already in `dir` (or in `carryFrom`), from the last render: only changed outputs are rendered. */
  present?: ReadonlyMap<string, string>;
  /** A folder holding the last render (the published site): unchanged outputs are carried from there into `dir`. */
  carryFrom?: string;
  /** The same archive will be rendered again with articles edited in place (the preview): the route table keeps what it needs to key only what an edit touched. */
  remember?: boolean;
}

/** What one render did: the files written, carried over and removed (below its folder), and the key of every file now there. */
export interface RenderResult {
  written: string[];
  carried: number;
  removed: string[];
  keys: Map<string, string>;
}

/**
 * The job under way and its result. Kept on the global object because Eleventy imports .eleventy.ts with its
 * own loader: under a test runner that transforms modules itself, the config sees another copy of this module.
 */
const bridge = ((globalThis as { casefileRender?: Bridge }).casefileRender ??= {});

interface Bridge {
  job?: RenderJob;
  /** Which of the job's outputs for Eleventy the run under way pages through (see `pagesARun`). */
  pages?: { from: number; to: number };
  renderer?: Renderer;
}

/**
 * How many pages one Eleventy run renders at most. Eleventy keeps every page it rendered until its run ends,
 * about 250 KB a list page: a run of every list at 100,000 articles would hold over a gigabyte at once. Runs
 * of this many hold about 60 MB; a run more costs too little to measure (docs/performance.md, "Memory at
 * 100,000 articles").
 * `CASEFILE_PAGES_A_RUN` overrides it so tests can split a small site into several runs.
 */
function pagesARun(): number {
  const override = Number(process.env.CASEFILE_PAGES_A_RUN);
  return Number.isInteger(override) && override > 0 ? override : 250;
}

/**
 * What Eleventy's configuration hands the bridge when it loads: the route table's side of a render, which the
 * pipeline cannot import. `pageCount` plans the job under way (once a job) and says how many outputs it gives
 * Eleventy to page through; `finish`, once Eleventy has run (or instead of it), writes the kinds the table writes
 * itself and says what the render did.
 */
export interface Renderer {
  pageCount(): number;
  finish(): Promise<RenderResult>;
}

/** Called by .eleventy.ts as it loads. */
export function registerRenderer(renderer: Renderer): void {
  bridge.renderer = renderer;
}

/**
 * The bridge between the pipeline and Eleventy. The pipeline (src/) never imports a template: it hands its
 * archive over here and runs Eleventy, whose configuration (.eleventy.ts) reads the job, asks the route table
 * (templates/routes.ts) what to render; the renderer it registers finishes the job.
 */
function startRender(next: RenderJob): void {
  bridge.job = next;
}

/** The job of the Eleventy run under way; Eleventy run on its own has none, and says how to build instead. */
export function currentRender(): RenderJob {
  if (!bridge.job) throw new Error("Casefile's site is built with `npm run build` (or previewed with `npm start`), which run Eleventy themselves.");
  return bridge.job;
}

/** Which of the job's outputs for Eleventy (in the order the plan gives them) the Eleventy run under way renders. */
export function currentPages(): { from: number; to: number } {
  return bridge.pages ?? { from: 0, to: Infinity };
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Renders `archive` into `dir` (absolute) through Eleventy and the route table: every output, or, given the
 * keys of the last render (`present`), only the outputs whose inputs changed. The last render is `dir` itself
 * (the preview: files of outputs that are gone are removed) or `carryFrom` (a build: unchanged files are carried
 * from the published site into the empty staging folder). The build and the preview, full and incremental, all
 * render here. The copies of the archive's photos are made first, into the image cache the route table copies them
 * from; a photo that cannot be decoded throws a `ContentError` naming it.
 */
export async function renderSite(dir: string, archive: Archive, last: Omit<RenderJob, "archive" | "dir"> = {}): Promise<RenderResult> {
  const broken = await makeArchiveCopies(archive);
  if (broken.length) throw new ContentError(broken);
  const { present, carryFrom, remember } = last;
  startRender({ archive, dir, ...(present ? { present } : {}), ...(present && carryFrom ? { carryFrom } : {}), ...(remember ? { remember } : {}) });
  const cwd = process.cwd();
  process.chdir(projectRoot);
  try {
    // A change to the last render in place that gives Eleventy nothing to page through (in the preview, an edit of a
    // body: only its article page, a direct kind, changes) is finished without an Eleventy run, which would cost more
    // than the rest of the update (docs/performance.md, "Preview: no Eleventy run for nothing").
    const skip = bridge.renderer && present && !carryFrom && bridge.renderer.pageCount() === 0;
    // The renderer is registered by the first run in a process, as Eleventy loads its configuration.
    const size = pagesARun();
    for (let from = 0; !skip && (from === 0 || from < renderer().pageCount()); from += size) {
      bridge.pages = { from, to: from + size };
      await runEleventy(dir);
    }
    // Only once Eleventy's runs are over: the cards and article pages are most of a cold build, and should not
    // share the memory with the pages a run holds.
    return await renderer().finish();
  } finally {
    bridge.job = undefined;
    bridge.pages = undefined;
    process.chdir(cwd);
  }
}

function renderer(): Renderer {
  if (!bridge.renderer) throw new Error("Eleventy ran without loading .eleventy.ts, which registers the route table's renderer");
  return bridge.renderer;
}

/** One Eleventy run of the job under way, in a function of its own so that nothing of it outlives the run. */
async function runEleventy(dir: string): Promise<void> {
  const eleventy = new Eleventy("templates", dir, { configPath: ".eleventy.ts", quietMode: true });
  // The build and the preview print their own summaries; errors still reach the caller as exceptions.
  eleventy.disableLogger();
  await eleventy.write();
}

import { currentPages, currentRender, registerRenderer, type RenderJob, type RenderResult } from "./src/eleventy.ts";
import { drawCards } from "./src/media/cards.ts";
import { carryFiles } from "./src/output.ts";
import { planOutputs, removeOutputs, unchangedFiles, writeOutputs, type Output, type RenderPlan } from "./templates/routes.ts";

// The subset of Eleventy's config API this site uses.
interface EleventyConfig {
  /** Eleventy's timings (not in its documented API; Eleventy 3.1 is pinned). */
  benchmarkManager: { get(group: string): { setIsVerbose(verbose: boolean): void } };
  addExtension(extensions: string[], options: { key: string }): void;
  addGlobalData(name: string, value: () => unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
}

/**
 * Eleventy renders the site from the route table: `templates/site.11ty.ts` pages through the outputs the table
 * says changed, and the kinds the table writes directly (article pages, for scale) are written after it, with
 * the same render functions, in every mode (when a preview update gives Eleventy nothing to page through, instead
 * of it: see `renderSite`). This file is where the pipeline (src/) meets the templates.
 */
export default function (config: EleventyConfig) {
  // Eleventy times its configuration's callbacks (its own HTML transform among them) in a group made before quiet
  // mode applies, which prints "[11ty] Benchmark …" when one takes over 8% of a run; the build and the preview
  // print their own times.
  config.benchmarkManager.get("Configuration").setIsVerbose(false);
  config.addExtension(["11ty.ts"], { key: "11ty.js" });
  config.addGlobalData("casefile", () => {
    const { from, to } = currentPages();
    return { outputs: planned().eleventy.slice(from, to) };
  });
  config.addPassthroughCopy({ "templates/assets": "assets" });
  return {
    templateFormats: ["11ty.ts"],
    dir: { input: "templates", includes: "_includes" },
  };
}

/** The route table's plan for the render under way: made once a render, before Eleventy runs or when it first asks. */
let plan: (RenderPlan & { job: RenderJob; eleventy: Output[]; carried: number }) | undefined;

function planned(): NonNullable<typeof plan> {
  const job = currentRender();
  if (plan?.job !== job) {
    const p = planOutputs(job.archive, { present: job.present, remember: job.remember === true });
    // Before Eleventy writes anything: unchanged files of the published site come into the staging folder.
    const carried = job.carryFrom ? carryFiles(job.carryFrom, job.dir, unchangedFiles(p)) : 0;
    plan = { ...p, job, eleventy: p.changed.filter((o) => !o.direct), carried };
  }
  return plan;
}

/** After Eleventy's run, or instead of it: the cards and the direct kinds written, gone outputs removed, the result reported. */
async function finish(): Promise<RenderResult> {
  const done = planned();
  const { dir, archive, carryFrom } = done.job;
  plan = undefined;
  // Cards cost about 16 ms of a core each to draw: every changed one is drawn first, several at once, into the card cache.
  await drawCards(done.changed.flatMap((o) => (o.card ? [o.card()] : [])), archive.cacheDir);
  writeOutputs(dir, done.changed.filter((o) => o.direct));
  if (!carryFrom) removeOutputs(dir, done.removed);
  return { written: done.changed.map((o) => o.file), carried: done.carried, removed: done.removed, keys: done.written() };
}

// The pipeline renders through the bridge; this hands it the route table's side, so that a render that gives
// Eleventy nothing to page through is finished without an Eleventy run (see `renderSite`).
registerRenderer({ pageCount: () => planned().eleventy.length, finish });

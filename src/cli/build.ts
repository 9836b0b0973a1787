import Eleventy from "@11ty/eleventy";
import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { formatReport } from "../content/problems.ts";
import { provideArchive } from "../eleventy.ts";
import { loadArchive } from "../index.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `npm run build`: validate everything, render into a temporary folder beside the output, then swap it in. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { content: { type: "string", default: "content" }, out: { type: "string", default: "_site" } },
  });
  const started = performance.now();
  const out = resolve(values.out);
  const result = loadArchive(values.content);
  if (!result.archive) {
    process.stderr.write(`${formatReport(result.problems)}\nBuild stopped: nothing was written; ${relative(process.cwd(), out) || "."} is unchanged.\n`);
    return 1;
  }
  const validated = performance.now();
  provideArchive(result.archive);

  const staging = `${out}.tmp-${process.pid}`;
  let pages = 0;
  rmSync(staging, { recursive: true, force: true });
  try {
    process.chdir(projectRoot);
    const eleventy = new Eleventy("templates", staging, { configPath: ".eleventy.ts", quietMode: true });
    const [, templates] = await eleventy.write();
    pages = templates.length;
    swapIn(staging, out);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const done = performance.now();
  const a = result.archive;
  process.stdout.write(
    `Built ${a.articles.length} articles (${pages} pages) into ${out}` +
      `${a.draftsLeftOut ? `; ${a.draftsLeftOut} drafts left out` : ""}` +
      ` in ${seconds(done - started)} (read and validate ${seconds(validated - started)}, render ${seconds(done - validated)}).\n`,
  );
  return 0;
}

/** Replaces `out` with `staging` by renames, so the old site stays whole until the new one is complete. */
function swapIn(staging: string, out: string): void {
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

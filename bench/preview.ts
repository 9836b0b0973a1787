import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus } from "./generate.ts";
import { Preview } from "../src/preview.ts";

// `npx tsx bench/preview.ts [articles]`: the preview's own update times, in one process (no server; the events a
// watcher would report are handed to each update): the first render of a generated corpus, then a body edit, a
// title edit and a date edit of the middle article, three times over.
// `npx tsx bench/preview.ts 10000 <folder>` keeps the folder (and so its card cache) from one run to the next: the
// corpus and the preview are made anew in it, and the first render does not draw 10,000 cards again.
const size = Number(process.argv[2] ?? 10_000);
const kept = process.argv[3];
const dir = kept ?? mkdtempSync(join(tmpdir(), `casefile-preview-${size}-`));
if (kept) {
  for (const made of ["content", "preview"]) rmSync(join(kept, made), { recursive: true, force: true });
  mkdirSync(kept, { recursive: true });
}
try {
  const corpus = generateCorpus(join(dir, "content"), { articles: size, seed: 1 });
  process.chdir(dir);
  const preview = new Preview("content", "preview");
  const timed = async (what: string, changes?: [string, string][]) => {
    const started = performance.now();
    const result = await preview.update(changes);
    process.stdout.write(`${what}: ${Math.round(performance.now() - started)} ms — ${result.message.split("\n")[0]}\n`);
  };
  await timed("first render");
  const file = join(corpus.dir, corpus.articles[Math.floor(size / 2)]!.file);
  const edited: [string, string][] = [[file, "change"]];
  for (let round = 1; round <= 3; round++) {
    appendFileSync(file, `\nA paragraph added by the benchmark, round ${round}.\n`);
    await timed("body edit", edited);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: "A title edited by the benchmark, round ${round}"`));
    await timed("title edit", edited);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^date: .*$/m, `date: 2015-0${round}-1${round}`));
    await timed("date edit", edited);
  }
} finally {
  process.chdir(tmpdir());
  if (!kept) rmSync(dir, { recursive: true, force: true });
}

import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus } from "./generate.ts";
import { Preview } from "../src/preview.ts";

// `npx tsx bench/preview.ts [articles]`: the preview's own update times, in one process (no server, no watcher):
// the first render of a generated corpus, then one body edit and one title edit of the middle article.
const size = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), `casefile-preview-${size}-`));
try {
  const corpus = generateCorpus(join(dir, "content"), { articles: size, seed: 1 });
  process.chdir(dir);
  const preview = new Preview("content", "preview");
  const timed = async (what: string) => {
    const started = performance.now();
    const result = await preview.update();
    process.stdout.write(`${what}: ${Math.round(performance.now() - started)} ms — ${result.message.split("\n")[0]}\n`);
  };
  await timed("first render");
  const file = join(corpus.dir, corpus.articles[Math.floor(size / 2)]!.file);
  appendFileSync(file, "\nA paragraph added by the benchmark.\n");
  await timed("body edit");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, 'title: "A title edited by the benchmark"'));
  await timed("title edit");
} finally {
  process.chdir(tmpdir());
  rmSync(dir, { recursive: true, force: true });
}

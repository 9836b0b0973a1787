import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus, type GeneratedCorpus } from "../../bench/generate.ts";
import { baselineBuild, pageFile, run } from "../../bench/tools.ts";
import { loadArchive } from "../../src/index.ts";
import { buildHere } from "../helpers.ts";

// Keeps `npm run bench` from rotting: its generator, the Casefile build and the Eleventy baseline at a small size.
const ARTICLES = 10;
let dir: string;
let corpus: GeneratedCorpus;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "casefile-bench-test-"));
  corpus = generateCorpus(join(dir, "content"), { articles: ARTICLES, seed: 1 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the benchmark corpus", () => {
  it("is valid content with every article", async () => {
    const result = await loadArchive(corpus.dir, { cwd: dir });
    expect(result.problems).toEqual([]);
    expect(result.counts.articles).toBe(ARTICLES);
    expect(result.archive?.articles).toHaveLength(ARTICLES);
    expect(new Set(result.archive?.articles.map((a) => a.path))).toEqual(new Set(corpus.articles.map((a) => a.path)));
  });

  it("builds with Casefile, every article at its date URL", async () => {
    const build = await buildHere(dir);
    expect(build.status, build.stderr).toBe(0);
    expect(corpus.articles.filter((a) => !existsSync(pageFile(join(dir, "_site"), a.path)))).toEqual([]);
  });

  it("builds with the plain Eleventy baseline, every article at its date URL", async () => {
    const out = join(dir, "baseline");
    const build = await run(baselineBuild(corpus.dir, out), { timeoutMs: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    expect(corpus.articles.filter((a) => !existsSync(pageFile(out, a.path)))).toEqual([]);
  });
});

import { describe, expect, it, vi } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus } from "../../../bench/generate.ts";
import { ArticleCache, loadArchive } from "../../../src/index.ts";
import { outputsOf, planOutputs, type Output } from "../../../templates/routes.ts";

// More articles than one timeline page holds (250), so the timeline is a landing page and a page per year, and
// the lists of the busiest topics and people run to several parts.
const corpusDir = mkdtempSync(join(tmpdir(), "casefile-route-keys-"));
const corpus = generateCorpus(join(corpusDir, "content"), { articles: 400, seed: 3 });
const target = corpus.articles[200]!.file;

/** An edit of the middle article's front-matter or body, as an editor would make it. */
const EDITS: [string, (text: string) => string][] = [
  ["a body edit", (t) => `${t}\nA paragraph added for this test.\n`],
  ["a title edit", (t) => t.replace(/^title: .*$/m, 'title: "A title edited for this test"')],
  ["a date edit", (t) => t.replace(/^date: .*$/m, "date: 2011-03-15")],
  ["a topic edit", (t) => t.replace(/^topic: .*$/m, `topic: ${/^topic: (.*)$/m.exec(readFileSync(join(corpus.dir, corpus.articles[0]!.file), "utf8"))![1]}`)],
  ["a people edit", (t) => t.replace(/^people: .*$/m, "people: []")],
  ["a milestone", (t) => t.replace(/^---\n/, "---\nmilestone: true\n")],
  ["an update noted", (t) => t.replace(/^---\n/, "---\nupdated: 2024-12-20\n")],
];

/** What an output is: a page's or a file's text, or a card's words (drawing it is the card module's own test). */
function shown(output: Output): unknown {
  if (output.card) return output.card();
  const bytes = output.render();
  return typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("base64");
}

async function outputsAfter(edit?: (text: string) => string): Promise<Map<string, Output>> {
  const dir = mkdtempSync(join(tmpdir(), "casefile-route-keys-edit-"));
  cpSync(corpus.dir, join(dir, "content"), { recursive: true });
  const file = join(dir, "content", target);
  if (edit) writeFileSync(file, edit(readFileSync(file, "utf8")));
  const { archive, problems } = await loadArchive(join(dir, "content"), { cwd: dir });
  expect(problems).toEqual([]);
  return new Map(outputsOf(archive!).map((o) => [o.file, o]));
}

describe("the route table's keys on a long, split timeline", () => {
  const before = outputsAfter();

  it.each(EDITS)("after %s, every page and file whose key is unchanged is unchanged, so the preview and a rebuild may keep it", async (_, edit) => {
    const [old, next] = [await before, await outputsAfter(edit)];
    const kept = [...next.values()].filter((o) => old.get(o.file)?.key === o.key);
    expect(kept.length).toBeGreaterThan(next.size / 2);
    const stale = kept.filter((o) => JSON.stringify(shown(o)) !== JSON.stringify(shown(old.get(o.file)!))).map((o) => o.file);
    expect(stale).toEqual([]);
    // And an edit always changes something, so the preview shows it.
    expect(kept.length).toBeLessThan(next.size);
  });
});

/** A copy of the corpus for the preview's edits: its folder, its content, the preview's article cache and the first load. */
async function previewCopy(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `casefile-route-${name}-`));
  const content = join(dir, "content");
  cpSync(corpus.dir, content, { recursive: true });
  const cache = new ArticleCache();
  const archive = (await loadArchive(content, { cwd: dir, cache })).archive!;
  return { dir, content, cache, archive };
}

describe("the route table after the preview applies an edit to the article object in place", () => {
  const IN_PLACE = EDITS.filter(([name]) => ["a body edit", "a title edit", "an update noted"].includes(name));
  IN_PLACE.push(["a summary edit", (t) => t.replace(/^summary: .*$/m, "summary: A summary edited for this test.")]);

  it("keys every output as a fresh load of the edited folder does, after each edit, and keys again only what the edit touched", async () => {
    const { dir, content, cache, archive } = await previewCopy("keys-in-place");
    const file = join(content, target);
    let outputs = outputsOf(archive, { remember: true });
    for (const [name, edit] of IN_PLACE) {
      writeFileSync(file, edit(readFileSync(file, "utf8")));
      const result = await loadArchive(content, { cwd: dir, cache, changed: [file] });
      expect(result.problems, name).toEqual([]);
      expect(result.archive, name).toBe(archive);
      const kept = outputsOf(archive, { remember: true });
      const fresh = outputsOf((await loadArchive(content, { cwd: dir })).archive!);
      expect(kept.map((o) => [o.file, o.key]), name).toEqual(fresh.map((o) => [o.file, o.key]));
      // Outputs that read nothing the edit changed are the very outputs of the last call, not keyed again.
      const same = kept.filter((o, i) => o === outputs[i]).length;
      expect(same, name).toBeGreaterThan(kept.length * 0.9);
      expect(same, name).toBeLessThan(kept.length);
      outputs = kept;
    }
  });

  it("after edits that order or list the articles anew, keys every output as a fresh load does, and renders the pages it kept as a fresh load would", async () => {
    const copy = await previewCopy("keys-derived");
    const { dir, content, cache } = copy;
    const file = join(content, target);
    let archive = copy.archive;
    let outputs = outputsOf(archive, { remember: true });
    const DERIVED = EDITS.filter(([name]) => ["a date edit", "a topic edit", "a people edit", "a milestone"].includes(name));
    for (const [name, edit] of DERIVED) {
      writeFileSync(file, edit(readFileSync(file, "utf8")));
      const result = await loadArchive(content, { cwd: dir, cache, changed: [file] });
      expect(result.problems, name).toEqual([]);
      // Derived again, from the articles in memory and the edited one read anew.
      expect(result.archive, name).not.toBe(archive);
      archive = result.archive!;
      const kept = outputsOf(archive, { remember: true });
      const fresh = outputsOf((await loadArchive(content, { cwd: dir })).archive!);
      expect(kept.map((o) => [o.file, o.key]), name).toEqual(fresh.map((o) => [o.file, o.key]));
      // Pages whose keys did not change render from the new archive: the edited article's neighbours, before and
      // after, and an article far from it.
      const edited = archive.articles.find((a) => a.file.endsWith(target))!;
      const near = [edited.previous, edited.next, archive.articles[0]].filter((a) => a !== undefined).map((a) => a.path);
      const byPath = new Map(fresh.map((o) => [o.path, o]));
      for (const o of kept.filter((k) => k.kind === "article" && near.includes(k.path))) expect(o.render(), `${name}: ${o.path}`).toBe(byPath.get(o.path)!.render());
      expect(kept.filter((o, i) => o.key === outputs[i]?.key).length, name).toBeGreaterThan(kept.length / 2);
      outputs = kept;
    }
  });

  it("plans to render what a comparison with every file would, and after a render that failed, renders its files too", async () => {
    const { dir, content, cache, archive } = await previewCopy("plan");
    const present = planOutputs(archive, { remember: true }).written();
    /** The files whose keys differ from `present` in a fresh load of the folder: what the plan must render. */
    const expected = async (keys: ReadonlyMap<string, string>) =>
      outputsOf((await loadArchive(content, { cwd: dir })).archive!)
        .filter((o) => keys.get(o.file) !== o.key)
        .map((o) => o.file);
    const edit = async (file: string, change: (text: string) => string) => {
      writeFileSync(file, change(readFileSync(file, "utf8")));
      expect((await loadArchive(content, { cwd: dir, cache, changed: [file] })).archive).toBe(archive);
    };

    await edit(join(content, target), IN_PLACE[1]![1]);
    const failed = planOutputs(archive, { present, remember: true });
    const afterTitle = await expected(present);
    expect(failed.changed.map((o) => o.file)).toEqual(afterTitle);
    expect(afterTitle.length).toBeGreaterThan(0);
    // That render failed: its keys were never written. The plan after an edit of another article renders its files as well.
    await edit(join(content, corpus.articles[20]!.file), IN_PLACE[0]![1]);
    const next = planOutputs(archive, { present, remember: true });
    const afterBoth = await expected(present);
    expect(next.changed.map((o) => o.file)).toEqual(afterBoth);
    expect(afterBoth).toEqual(expect.arrayContaining(afterTitle));
    expect(afterBoth.length).toBeGreaterThan(afterTitle.length);
    // Once written, nothing is left to render.
    const written = next.written();
    expect(planOutputs(archive, { present: written, remember: true }).changed).toEqual([]);
    expect(await expected(written)).toEqual([]);
  });
});

describe("the route table's keys after an upgrade", () => {
  it("change for every output when the code that renders changes, so the next build renders the whole site again", async () => {
    const { archive } = await loadArchive(join(corpus.dir), { cwd: corpusDir });
    const keysUnder = async (code: string) => {
      vi.resetModules();
      vi.doMock("../../../src/identity.ts", async (actual) => ({ ...(await actual<typeof import("../../../src/identity.ts")>()), renderIdentity: () => code }));
      const routes = await import("../../../templates/routes.ts");
      return new Map(routes.outputsOf(archive!).map((o) => [o.file, o.key]));
    };
    const before = await keysUnder("templates of one version");
    expect(await keysUnder("templates of one version")).toEqual(before);
    const after = await keysUnder("templates of the next version");
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after].filter(([file, key]) => before.get(file) === key)).toEqual([]);
    vi.doUnmock("../../../src/identity.ts");
  });
});

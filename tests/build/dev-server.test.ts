import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureProject, projectRoot, treeHashes } from "../helpers.ts";

const tsx = join(projectRoot, "node_modules/.bin/tsx");
const running: ChildProcess[] = [];

/** A running `npm start` (src/cli/start.ts) in a fixture project, and everything it has printed so far. */
interface Server {
  preview: string;
  output: () => string;
  /** Resolves once the output holds `text` `times` times; fails after a minute with what it printed. */
  printed: (text: string, times?: number) => Promise<void>;
}

let nextPort = 21000 + (process.pid % 4000) * 2;

function startPreview(dir: string, out = "preview"): Server {
  const server = spawn(tsx, [join(projectRoot, "src/cli/start.ts"), `--port=${nextPort++}`, `--out=${out}`], { cwd: dir });
  running.push(server);
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    preview: join(dir, out),
    output: () => output,
    printed: async (text, times = 1) => {
      const started = Date.now();
      while (output.split(text).length - 1 < times) {
        if (Date.now() - started > 60_000) throw new Error(`never printed ${JSON.stringify(text)}; printed:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

afterEach(() => {
  for (const server of running.splice(0)) server.kill();
});

const letter = "content/articles/2020/2020-12-11-letter.md";
const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");

describe("npm start", () => {
  it("shows drafts marked as drafts, and re-renders when an article or a registry changes", async () => {
    const dir = fixtureProject("valid-archive");
    const server = startPreview(dir);
    await server.printed("Watching");
    expect(read(join(server.preview, "2021/05/05/unfinished/index.html"))).toContain('<span class="badge draft">Draft</span>');

    const file = join(dir, letter);
    writeFileSync(file, read(file).replace('title: "Campaigners send a letter"', 'title: "Campaigners send a second letter"'));
    await server.printed("Updated the preview", 1);
    expect(read(join(server.preview, "2020/12/11/letter/index.html"))).toContain("<h1>Campaigners send a second letter</h1>");
    // A new title shows in every list that holds the article.
    expect(read(join(server.preview, "timeline/index.html"))).toContain("Campaigners send a second letter");

    const people = join(dir, "content/people.yaml");
    writeFileSync(people, read(people).replace('role: "District judge"', 'role: "Senior district judge"'));
    await server.printed("Updated the preview", 2);
    expect(read(join(server.preview, "people/vanessa-baraitser/index.html"))).toContain('<p class="role">Senior district judge</p>');
  });

  it("updates only the article and the feeds after a body edit, with the same bytes a fresh preview writes", async () => {
    const dir = fixtureProject("valid-archive");
    const server = startPreview(dir);
    await server.printed("Watching");
    appendFileSync(join(dir, letter), "\nA paragraph added while the preview was running.\n");
    await server.printed("Updated the preview: 4 files rendered");
    expect(read(join(server.preview, "2020/12/11/letter/index.html"))).toContain("<p>A paragraph added while the preview was running.</p>");
    expect(read(join(server.preview, "feed.xml"))).toContain("A paragraph added while the preview was running.");

    const fresh = startPreview(dir, "fresh");
    await fresh.printed("Watching");
    const updated = treeHashes(server.preview);
    expect(Object.keys(updated).length).toBeGreaterThan(30);
    expect(updated).toEqual(treeHashes(fresh.preview));
  });

  it("reports a broken edit with its file and line, and keeps the last good page until it is fixed", async () => {
    const dir = fixtureProject("valid-archive");
    const server = startPreview(dir);
    await server.printed("Watching");
    const file = join(dir, letter);
    const good = read(file);
    const page = join(server.preview, "2020/12/11/letter/index.html");
    const before = read(page);

    writeFileSync(file, good.replace("topic: ", "topic: [unclosed\ntopics: "));
    await server.printed("The preview still shows the last good version");
    expect(server.output()).toMatch(/content\/articles\/2020\/2020-12-11-letter\.md:\d+ {2}/);
    expect(read(page)).toBe(before);

    writeFileSync(file, `${good}\nFixed and saved again.\n`);
    await server.printed("Updated the preview");
    expect(read(page)).toContain("<p>Fixed and saved again.</p>");
  });
});

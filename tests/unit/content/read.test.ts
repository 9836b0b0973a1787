import { afterEach, describe, expect, it, vi } from "vitest";
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatProblem } from "../../../src/content/problems.ts";
import { readContent, readRegularFile } from "../../../src/content/read.ts";
import { loadArchive } from "../../../src/index.ts";
import { LIMITS } from "../../../src/limits.ts";
import { projectRoot } from "../../helpers.ts";

// The tests run as root in CI, where chmod 000 does not stop a read: a denied path is simulated by failing the
// system call itself with the error the system would give.
const denied = vi.hoisted(() => ({ paths: new Set<string>() }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const refuse = (path: unknown) => {
    if (denied.paths.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: "EACCES" });
  };
  return {
    ...fs,
    openSync: (path: Parameters<typeof fs.openSync>[0], ...rest: [never]) => (refuse(path), fs.openSync(path, ...rest)),
    readdirSync: (path: Parameters<typeof fs.readdirSync>[0], ...rest: [never]) => (refuse(path), fs.readdirSync(path, ...rest)),
  };
});

afterEach(() => denied.paths.clear());

/** A project folder whose content/ holds valid registries and one valid article; returns the folder. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "casefile-read-"));
  cpSync(join(projectRoot, "tests/fixtures/_base"), join(dir, "content"), { recursive: true });
  mkdirSync(join(dir, "content/articles"));
  writeFileSync(join(dir, "content/articles/2020-01-01-ok.md"), "---\ntitle: Ok\ndate: 2020-01-01\ntopic: hearings\n---\n\nText.\n");
  return dir;
}

/** Every problem of loading the project's content, as the build and `npm run check` print them. */
async function problemsOf(dir: string): Promise<string[]> {
  return (await loadArchive(join(dir, "content"), { cwd: dir })).problems.map(formatProblem).sort();
}

describe("reading only regular files", () => {
  it("reports a site.yaml that is a named pipe instead of waiting for a writer", async () => {
    const dir = project();
    rmSync(join(dir, "content/site.yaml"));
    execFileSync("mkfifo", [join(dir, "content/site.yaml")]);
    expect(await problemsOf(dir)).toEqual([
      "content/site.yaml  file: is a named pipe (FIFO), not a file (expected a regular file: move it away, or put the file itself in its place)",
    ]);
  });

  it("reports a folder named site.yaml and an article that is a pipe, with every other problem", async () => {
    const dir = project();
    rmSync(join(dir, "content/site.yaml"));
    mkdirSync(join(dir, "content/site.yaml"));
    execFileSync("mkfifo", [join(dir, "content/articles/2020-01-02-pipe.md")]);
    writeFileSync(join(dir, "content/articles/2020-01-03-bad.md"), "---\ntitle: Bad\ndate: 2020-02-30\ntopic: hearings\n---\n");
    expect(await problemsOf(dir)).toEqual([
      "content/articles/2020-01-02-pipe.md  file: is a named pipe (FIFO), not a file (expected a regular file: move it away, or put the file itself in its place)",
      'content/articles/2020-01-03-bad.md:3  date: "2020-02-30" is not a calendar date (expected YYYY-MM-DD or an ISO 8601 date-time)',
      "content/site.yaml  file: is a folder, not a file (expected a regular file: move it away, or put the file itself in its place)",
    ]);
  });

  it("never reads a device: /dev/zero given as a file is reported, not read until memory runs out", () => {
    const problem = readRegularFile("/dev/zero", "/dev/zero", LIMITS.articleBytes, "a wire-copy file");
    expect(problem).toMatchObject({ code: "file-unreadable", message: "is a device, not a file" });
  });

  it("refuses files over the size limit, naming the file, its size and the limit", async () => {
    const dir = project();
    writeFileSync(join(dir, "content/people.yaml"), `# ${"x".repeat(LIMITS.registryBytes)}\n`);
    writeFileSync(join(dir, "content/articles/2020-01-04-long.md"), `---\ntitle: Long\ndate: 2020-01-04\ntopic: hearings\n---\n\n${"word ".repeat(LIMITS.articleBytes / 5)}`);
    expect(await problemsOf(dir)).toEqual([
      "content/articles/2020-01-04-long.md  file: is 1,000,054 bytes, more than the 1 MB an article may be (expected a shorter article: split it into several)",
      "content/people.yaml  file: is 4,000,003 bytes, more than the 4 MB a registry file may be (expected at most 4 MB)",
    ]);
  });
});

describe("links and permissions in the content folder", () => {
  it("reports a broken link, a loop of links and a link leading outside the content folder, and still reads the rest", async () => {
    const dir = project();
    const articles = join(dir, "content/articles");
    symlinkSync("gone.md", join(articles, "2020-01-05-dangling.md"));
    symlinkSync("2020-01-06-loop-b.md", join(articles, "2020-01-06-loop-a.md"));
    symlinkSync("2020-01-06-loop-a.md", join(articles, "2020-01-06-loop-b.md"));
    writeFileSync(join(dir, "outside.md"), "---\ntitle: Outside\ndate: 2020-01-07\ntopic: hearings\n---\n");
    symlinkSync(join(dir, "outside.md"), join(articles, "2020-01-07-outside.md"));
    rmSync(join(dir, "content/site.yaml"));
    symlinkSync("/dev/zero", join(dir, "content/site.yaml"));
    const result = await loadArchive(join(dir, "content"), { cwd: dir });
    expect(result.problems.map(formatProblem).sort()).toEqual([
      "content/articles/2020-01-05-dangling.md  file: is a link to gone.md, which does not exist (expected the file itself, or a link to a file that exists: fix or remove the link)",
      "content/articles/2020-01-06-loop-a.md  file: is a link that leads round in a loop of links (expected the file itself in place of the link)",
      "content/articles/2020-01-06-loop-b.md  file: is a link that leads round in a loop of links (expected the file itself in place of the link)",
      `content/articles/2020-01-07-outside.md  file: is a link to ${join(dir, "outside.md")}, outside the content folder; such links are not followed (expected what it links to, copied into the content folder in place of the link)`,
      "content/site.yaml  file: is a link to /dev/zero, outside the content folder; such links are not followed (expected what it links to, copied into the content folder in place of the link)",
    ]);
    expect(result.counts.articles).toBe(1);
  });

  it("refuses an articles folder that is a link to a folder outside the content folder", async () => {
    const dir = project();
    rmSync(join(dir, "content/articles"), { recursive: true });
    mkdirSync(join(dir, "elsewhere"));
    writeFileSync(join(dir, "elsewhere/2020-01-01-x.md"), "---\ntitle: X\ndate: 2020-01-01\ntopic: hearings\n---\n");
    symlinkSync(join(dir, "elsewhere"), join(dir, "content/articles"));
    expect(await problemsOf(dir)).toEqual([
      `content/articles  file: is a link to ${join(dir, "elsewhere")}, outside the content folder; such links are not followed (expected what it links to, copied into the content folder in place of the link)`,
    ]);
  });

  it("follows links that stay inside the content folder, but not a link to a folder around it", async () => {
    const dir = project();
    const articles = join(dir, "content/articles");
    mkdirSync(join(dir, "content/drafts"));
    writeFileSync(join(dir, "content/drafts/2020-01-08-linked.md"), "---\ntitle: Linked\ndate: 2020-01-08\ntopic: hearings\n---\n");
    symlinkSync("../drafts", join(articles, "linked"));
    symlinkSync("..", join(articles, "up"));
    const result = await loadArchive(join(dir, "content"), { cwd: dir });
    expect(result.problems.map(formatProblem)).toEqual([
      "content/articles/up  file: is a link to content, a folder that contains it, so it would be read forever (expected no link to a folder around it: remove the link)",
    ]);
    expect(readContent(join(dir, "content"), dir).articles.map((a) => a.file)).toEqual([
      "content/articles/2020-01-01-ok.md",
      "content/articles/linked/2020-01-08-linked.md",
    ]);
  });

  it("reports files and folders it may not read (EACCES), with what to do, alongside every other problem", async () => {
    const dir = project();
    const articles = join(dir, "content/articles");
    mkdirSync(join(articles, "locked"));
    writeFileSync(join(articles, "2020-01-09-secret.md"), "---\ntitle: Secret\ndate: 2020-01-09\ntopic: hearings\n---\n");
    writeFileSync(join(articles, "2020-01-10-bad.md"), "---\ntitle: Bad\ndate: 2020-01-10\ntopic: nope\n---\n");
    for (const path of [join(articles, "locked"), join(articles, "2020-01-09-secret.md"), join(dir, "content/people.yaml")]) {
      chmodSync(path, 0);
      denied.paths.add(path);
    }
    try {
      const lines = await problemsOf(dir);
      expect(lines).toEqual([
        "content/articles/2020-01-09-secret.md  file: cannot be read: permission denied (expected a file you may read: check its permissions (chmod u+r))",
        'content/articles/2020-01-10-bad.md:4  topic: "nope" is not in topics.yaml (expected one of: hearings, appeals, campaigns)',
        "content/articles/locked  folder: cannot be read: permission denied (expected a folder you may read: check its permissions (chmod u+rx))",
        "content/people.yaml  file: cannot be read: permission denied (expected a file you may read: check its permissions (chmod u+r))",
      ]);
    } finally {
      for (const path of denied.paths) chmodSync(path, 0o755);
    }
  });
});

describe("the files site.yaml names (the publisher's logo) and authors.yaml", () => {
  /** Points site.yaml's publisher logo at `logo`. */
  const logoAt = (dir: string, logo: string) => {
    const site = join(dir, "content/site.yaml");
    writeFileSync(site, readFileSync(site, "utf8").replace(/logo: .*/, `logo: ${JSON.stringify(logo)}`));
  };

  it("refuses a logo reached through a folder link that leads outside the content folder, a logo that is a link out, and a pipe", async () => {
    const dir = project();
    mkdirSync(join(dir, "brand"));
    writeFileSync(join(dir, "brand/logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    symlinkSync(join(dir, "brand"), join(dir, "content/brand"));
    logoAt(dir, "brand/logo.svg");
    expect(await problemsOf(dir)).toEqual([
      "content/brand/logo.svg  file: is outside the content folder; only files inside it are read (expected a file inside the content folder: copy it in)",
    ]);
    symlinkSync(join(dir, "brand/logo.svg"), join(dir, "content/logo.svg"));
    logoAt(dir, "logo.svg");
    expect(await problemsOf(dir)).toEqual([
      `content/logo.svg  file: is a link to ${join(dir, "brand/logo.svg")}, outside the content folder; such links are not followed (expected what it links to, copied into the content folder in place of the link)`,
    ]);
    execFileSync("mkfifo", [join(dir, "content/pipe.svg")]);
    logoAt(dir, "pipe.svg");
    expect(await problemsOf(dir)).toEqual([
      "content/pipe.svg  file: is a named pipe (FIFO), not a file (expected a regular file: move it away, or put the file itself in its place)",
    ]);
  });

  it("reads a logo inside a sub-folder of content/ and publishes its bytes as they are", async () => {
    const dir = project();
    mkdirSync(join(dir, "content/brand"));
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n';
    writeFileSync(join(dir, "content/brand/logo.svg"), svg);
    logoAt(dir, "brand/logo.svg");
    const { archive, problems } = await loadArchive(join(dir, "content"), { cwd: dir });
    expect(problems).toEqual([]);
    expect(Buffer.from(archive!.publisherLogo!).toString("utf8")).toBe(svg);
  });

  it("reports an authors.yaml that is a folder, as it reports the other registries", async () => {
    const dir = project();
    rmSync(join(dir, "content/authors.yaml"));
    mkdirSync(join(dir, "content/authors.yaml"));
    expect(await problemsOf(dir)).toEqual([
      "content/authors.yaml  file: is a folder, not a file (expected a regular file: move it away, or put the file itself in its place)",
      'content/site.yaml:9  author: "test-desk" is not in authors.yaml (expected an author listed in content/authors.yaml: add the file, or remove author:)',
    ]);
  });
});

/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { connect } from "node:net";
import { networkInterfaces, platform } from "node:os";
import { join, resolve } from "node:path";
import { commandLine, fixtureProject, headersFor, lendCards, registerTsx, treeHashes } from "../helpers.ts";
import { Preview } from "../../src/preview.ts";
import { launchBrowser, watchedContext, watchPage } from "../browser/harness.ts";

const running: ChildProcess[] = [];

/** A running `npm start` (src/cli/start.ts) in a fixture project, and everything it has printed so far. */
interface Server {
  child: ChildProcess;
  port: number;
  /** The folder it writes the site to, as it printed it (once it has). */
  readonly preview: string;
  /** What it has printed so far, or since `from` (an earlier length of its output). */
  output: (from?: number) => string;
  /** Resolves once the output (since `from`) holds `text` `times` times; fails after a minute with what it printed. */
  printed: (text: string, times?: number, from?: number) => Promise<void>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

let nextPort = 21000 + (process.pid % 4000) * 2;

/**
 * Starts `npm start`'s program in `dir`. `out: null` leaves `--out` to the program; a server started for a whole
 * describe block (`shared`) is stopped by its afterAll, any other after its test.
 */
function startPreview(dir: string, options: { out?: string | null; args?: string[]; shared?: boolean } = {}): Server {
  const out = options.out === undefined ? "preview" : options.out;
  const port = nextPort++;
  const args = [`--port=${port}`, ...(out === null ? [] : [`--out=${out}`]), ...(options.args ?? [])];
  // The preview keeps its cards in the build's card cache: a project that has none yet is lent the cards test builds drew.
  lendCards(dir);
  // The process `tsx src/cli/start.ts` starts, so a signal reaches the preview itself.
  const [node, ...command] = commandLine("start");
  const child = spawn(node, [...command, ...args], { cwd: dir });
  if (!options.shared) running.push(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  const printed = async (text: string, times = 1, from = 0) => {
    const started = Date.now();
    while (output.slice(from).split(text).length - 1 < times) {
      if (Date.now() - started > 60_000) throw new Error(`never printed ${JSON.stringify(text)}; printed:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    child,
    port,
    get preview() {
      const folder = / written to (.+)\/\n/.exec(output)?.[1];
      if (folder === undefined) throw new Error(`no preview folder printed yet:\n${output}`);
      return resolve(dir, folder);
    },
    output: (from = 0) => output.slice(from),
    printed,
    exited,
  };
}

afterEach(() => {
  for (const server of running.splice(0)) server.kill();
});

const letter = "content/articles/2020/2020-12-11-letter.md";
const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");

// One preview for the tests of this block, edited by each in turn: each reads what it printed after its own edit.
describe("npm start", () => {
  let dir: string;
  let server: Server;

  beforeAll(async () => {
    dir = fixtureProject("valid-archive");
    server = startPreview(dir, { shared: true });
    await server.printed("Watching");
  });

  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill("SIGTERM");
  });

  it("shows drafts marked as drafts, and re-renders when an article or a registry changes", async () => {
    expect(read(join(server.preview, "2021/05/05/unfinished/index.html"))).toContain('<span class="badge draft">Draft</span>');

    const from = server.output().length;
    const file = join(dir, letter);
    writeFileSync(file, read(file).replace('title: "Campaigners send a letter"', 'title: "Campaigners send a second letter"'));
    await server.printed("Updated the preview", 1, from);
    expect(read(join(server.preview, "2020/12/11/letter/index.html"))).toContain("<h1>Campaigners send a second letter</h1>");
    // A new title shows in every list that holds the article.
    expect(read(join(server.preview, "timeline/index.html"))).toContain("Campaigners send a second letter");

    const people = join(dir, "content/people.yaml");
    const registry = server.output().length;
    writeFileSync(people, read(people).replace('role: "District judge"', 'role: "Senior district judge"'));
    await server.printed("Updated the preview", 1, registry);
    expect(read(join(server.preview, "people/vanessa-baraitser/index.html"))).toContain('<p class="role">Senior district judge</p>');
  });

  it("updates only the article and the feeds after a body edit, with the same bytes a fresh preview writes", async () => {
    const from = server.output().length;
    appendFileSync(join(dir, letter), "\nA paragraph added while the preview was running.\n");
    // The article page, the site feeds, its topic's feed and its author's feed.
    await server.printed("Updated the preview: 5 files rendered", 1, from);
    expect(read(join(server.preview, "2020/12/11/letter/index.html"))).toContain("<p>A paragraph added while the preview was running.</p>");
    expect(read(join(server.preview, "feed.xml"))).toContain("A paragraph added while the preview was running.");

    // What a fresh `npm start` writes first, its Preview's first update, made here in this process.
    registerTsx();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const fresh = await new Preview("content", "fresh").update();
      expect(fresh.ok, fresh.message).toBe(true);
    } finally {
      process.chdir(cwd);
    }
    const updated = treeHashes(server.preview);
    expect(Object.keys(updated).length).toBeGreaterThan(30);
    expect(updated).toEqual(treeHashes(join(dir, "fresh")));
  });

  it("reports a broken edit with its file and line, and keeps the last good page until it is fixed", async () => {
    const file = join(dir, letter);
    const good = read(file);
    const page = join(server.preview, "2020/12/11/letter/index.html");
    const before = read(page);

    const broken = server.output().length;
    writeFileSync(file, good.replace("topic: ", "topic: [unclosed\ntopics: "));
    await server.printed("The preview still shows the last good version", 1, broken);
    expect(server.output(broken)).toMatch(/content\/articles\/2020\/2020-12-11-letter\.md:\d+ {2}/);
    expect(read(page)).toBe(before);

    const fixed = server.output().length;
    writeFileSync(file, `${good}\nFixed and saved again.\n`);
    await server.printed("Updated the preview", 1, fixed);
    expect(read(page)).toContain("<p>Fixed and saved again.</p>");
  });

  it("shows a fix saved the moment a broken save is reported, as an editor that saves twice in a row makes it", async () => {
    const file = join(dir, letter);
    const good = read(file);
    const page = join(server.preview, "2020/12/11/letter/index.html");
    const from = server.output().length;
    // The fix is saved as soon as the report arrives: well inside the 50 ms after the first save in which chokidar
    // reports no second change to the file.
    const stderr = server.child.stderr;
    if (!stderr) throw new Error("the preview's stderr is not piped");
    const fixed = new Promise<void>((done) => {
      const reported = (chunk: Buffer) => {
        if (!chunk.toString().includes("The preview still shows the last good version")) return;
        stderr.off("data", reported);
        writeFileSync(file, `${good}\nSaved again at once.\n`);
        done();
      };
      stderr.on("data", reported);
    });
    writeFileSync(file, good.replace("topic: ", "topic: [unclosed\ntopics: "));
    await fixed;
    const waited = Date.now();
    while (!read(page).includes("<p>Saved again at once.</p>")) {
      if (Date.now() - waited > 30_000) throw new Error(`the page never showed the fix; printed:\n${server.output(from)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});

/** The status of a GET for `path` exactly as written (no URL normalising), with its headers. */
function rawGet(host: string, port: number, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((done, fail) => {
    get({ host, port, path }, (response) => {
      response.resume();
      response.on("end", () => done({ status: response.statusCode ?? 0, headers: response.headers }));
    }).on("error", fail);
  });
}

/** Whether a TCP connection to `host:port` is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.on("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.on("error", () => done(false));
  });
}

/**
 * Addresses of this machine other than 127.0.0.1: its IPv4 addresses, which a server bound to every interface
 * (0.0.0.0) answers on, and with `ipv6` its IPv6 ones too (for a server bound to "::").
 */
function otherAddresses(ipv6 = false): string[] {
  const found = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && (a.family === "IPv4" || (ipv6 && !a.address.startsWith("fe80:"))))
    .map((a) => a!.address);
  // Linux routes all of 127.0.0.0/8 to the loopback interface: only a server bound to 127.0.0.1 itself refuses 127.0.0.2.
  return [...found, ...(platform() === "linux" ? ["127.0.0.2"] : []), ...(ipv6 ? ["::1"] : [])];
}

/** The PID of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;

describe("npm start's server", () => {
  let dir: string;
  let server: Server;
  let stale: string;

  beforeAll(async () => {
    dir = fixtureProject("valid-archive");
    // What a preview killed with SIGKILL leaves behind.
    stale = join(dir, `.cache/preview-${deadPid()}`);
    mkdirSync(join(stale, "site"), { recursive: true });
    writeFileSync(join(stale, "site/index.html"), "left by a killed preview");
    server = startPreview(dir, { out: null, shared: true });
    await server.printed("Watching");
    await server.printed("Search index ready");
  });

  afterAll(() => {
    // SIGTERM, as a terminal closing sends it: the preview removes its folder.
    if (server?.child.exitCode === null) server.child.kill("SIGTERM");
  });

  it("answers a malformed request or one for a path outside the preview with 400, and goes on serving", async () => {
    for (const path of ["/..%2fx", "/%2e%2e%2f%2e%2e%2fetc/passwd", "/%E0%A4%A", "/%ff", "/assets/..%2f..%2fpackage.json", "/%00"]) {
      expect(`${path} ${(await rawGet("127.0.0.1", server.port, path)).status}`).toBe(`${path} 400`);
    }
    expect((await rawGet("127.0.0.1", server.port, "/")).status).toBe(200);
    expect((await rawGet("127.0.0.1", server.port, "/2020/12/11/letter/")).status).toBe(200);
    expect(server.child.exitCode).toBe(null);
    expect(server.output()).toContain('Refused a request for "/%ff": malformed, or a path outside the preview.');
    expect(server.output()).not.toMatch(/URIError|Invalid path|\n\s+at /);
  });

  it("is served to this machine only, at the address it prints", async () => {
    expect(server.output()).toContain(`Serving http://127.0.0.1:${server.port}/ to this machine only`);
    expect(await accepts("127.0.0.1", server.port)).toBe(true);
    for (const address of otherAddresses(true)) expect(`${address} ${await accepts(address, server.port)}`).toBe(`${address} false`);
  });

  it("sends the security headers of the published _headers file with every response", async () => {
    const published = readFileSync(join(server.preview, "_headers"), "utf8");
    for (const path of ["/", "/assets/site.css", "/no-such-page/", "/pagefind/pagefind.js", "/%ff"]) {
      const headers = Object.entries(headersFor(published, path)).map(([name, value]) => [name.toLowerCase(), value]);
      expect(headers.map(([name]) => name)).toContain("content-security-policy");
      const response = await rawGet("127.0.0.1", server.port, path);
      for (const [name, value] of headers) expect(`${path} ${name}: ${response.headers[name!]}`).toBe(`${path} ${name}: ${value}`);
    }
  });

  it("has a search page that finds articles, drafts included, without errors in the browser", async () => {
    const browser = await launchBrowser();
    try {
      const { context, offsite } = await watchedContext(browser);
      const page = await context.newPage();
      const errors = await watchPage(page);
      const origin = `http://127.0.0.1:${server.port}`;
      const search = async (query: string) => {
        await page.goto(`${origin}/search/?q=${query}`);
        const status = page.locator("#search-status");
        // The first search loads Pagefind's WebAssembly, which may take a while on a busy machine.
        await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/articles? found\.$/);
        return page.locator("#search-results .entry-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      };
      expect(await search("Saipan")).toEqual(["/2024/06/25/plea-in-saipan/"]);
      expect(await search("unfinished")).toContain("/2021/05/05/unfinished/");
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("gives a second npm start in the project its own folder, removed on SIGTERM, and --host puts it on the network, saying so", async () => {
    const second = startPreview(dir, { out: null, args: ["--host=0.0.0.0"] });
    await second.printed("Watching");
    expect(second.preview).not.toBe(server.preview);
    // Besides the card and photo caches the previews share (.cache/casefile), each has its own folder.
    expect(readdirSync(join(dir, ".cache")).filter((name) => name.startsWith("preview-")).sort()).toEqual(
      [server.preview, second.preview].map((folder) => folder.slice(join(dir, ".cache").length + 1).split("/")[0]).sort(),
    );
    expect(second.output()).toMatch(/^Serving http:\/\/localhost:\d+\/ on the network\b.*drafts included\.$/m);
    for (const address of otherAddresses()) expect(`${address} ${await accepts(address, second.port)}`).toBe(`${address} true`);
    // A folder left by a preview that was killed outright is cleared by the next start.
    expect(existsSync(stale)).toBe(false);

    const folder = resolve(second.preview, "..");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(existsSync(folder)).toBe(false);
    expect((await rawGet("127.0.0.1", server.port, "/")).status).toBe(200);
  });

  it("refuses a second preview into the same --out, naming the first, and takes over a lock its holder left", async () => {
    writeFileSync(join(dir, "mine.lock"), `${deadPid()}\n`);
    const first = startPreview(dir, { out: "mine" });
    await first.printed("Watching");
    const holder = readFileSync(join(dir, "mine.lock"), "utf8").trim();
    const refused = startPreview(dir, { out: "mine" });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toBe(`npm start refused: another Casefile process (PID ${holder}) is writing mine: wait for it to finish or stop it, or delete mine.lock if none is running.\n`);
    expect((await rawGet("127.0.0.1", first.port, "/")).status).toBe(200);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dir, "mine.lock"))).toBe(false);
    expect(existsSync(join(dir, "mine/index.html"))).toBe(true);
  });

  it("stops cleanly on Ctrl-C and removes its own folder", async () => {
    const own = resolve(server.preview, "..");
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
    expect(existsSync(own)).toBe(false);
    expect(server.output()).toContain(`Preview stopped; removed ${own.slice(dir.length + 1)}/.`);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});

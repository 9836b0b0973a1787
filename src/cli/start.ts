import EleventyDevServer from "@11ty/eleventy-dev-server";
import { watch, type FSWatcher } from "chokidar";
import { copyFileSync, mkdirSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { printable } from "../content/problems.ts";
import { displayPath } from "../content/read.ts";
import { Preview, type PreviewUpdate } from "../preview.ts";
import { claimPreviewFolders } from "../preview-folder.ts";
import { PreviewSearch } from "../preview-search.ts";
import { previewMiddleware, servingLine } from "../preview-server.ts";
import { parseOptions, printError, runAsScript } from "./command.ts";

const assets = resolve(dirname(fileURLToPath(import.meta.url)), "../../templates/assets");
/** How long the watcher waits after the last event before rebuilding, so a save that writes several files is one rebuild. */
const SETTLE_MS = 20;
/** How long chokidar keeps quiet about a file after reporting a change to it (its `_throttle("change", path, 50)`), and a little more. */
const CHANGE_WINDOW_MS = 60;

/**
 * `npm start`: the preview server. Content edits are handled here, in one long-lived process; `npm start` runs it
 * under `tsx watch`, which restarts it when a template or pipeline module changes.
 */
export async function main(args: string[]): Promise<void> {
  const { values } = parseOptions({
    command: "start",
    usage: "[--content DIR] [--out DIR] [--port N] [--host ADDRESS]",
    options: {
      content: { type: "string", default: process.env.CASEFILE_CONTENT || "content" },
      // Unset: this process's own .cache/preview-<pid>/site/, removed when it stops.
      out: { type: "string" },
      port: { type: "string", default: "8080" },
      // Loopback unless asked: the preview shows drafts.
      host: { type: "string", default: "127.0.0.1" },
    },
  }, args);
  // Every line with control characters escaped: a file or folder name cannot forge a line or retitle the terminal.
  const log = (line: string) => process.stdout.write(`${line.split("\n").map(printable).join("\n")}\n`);
  const warn = (line: string) => process.stderr.write(`${line}\n`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${values.port} is not a port number (expected 0 to 65535, e.g. --port 3000).`);

  const folders = claimPreviewFolders(values.out, values.content);
  if ("refused" in folders) fail(folders.refused);
  // Whatever ends the process, its own folder goes with it.
  process.on("exit", () => folders.release());
  const preview = new Preview(values.content, folders.site);
  // While an update runs, the search index in the background waits (see PreviewSearch's `idle`).
  let updating: Promise<void> | undefined;
  const idle = async () => {
    while (updating) await updating;
  };
  const search = new PreviewSearch(folders.search, () => preview.shown, log, warn, idle);
  let watcher: FSWatcher | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await watcher?.close();
      await search.stop();
    } finally {
      folders.release();
      log(`Preview stopped; removed ${displayPath(folders.root)}/.`);
      process.exit(0);
    }
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop());

  log(`Casefile preview of ${displayPath(preview.content) || "."}, drafts shown, written to ${displayPath(preview.out)}/`);
  const first = await preview.update();
  report(log, first);
  if (first.ok) search.refresh();

  const server = EleventyDevServer.getServer("casefile", preview.out, {
    port,
    pathPrefix: preview.basePath,
    logger: { info: log, log, error: warn },
    middleware: [previewMiddleware({ basePath: preview.basePath, search: folders.search, log })],
    // Printed below, with the address actually bound.
    messageOnStart: () => "",
  });
  // The dev server listens on every interface; the preview listens where --host says (also on the next port when one is taken).
  server._serverListen = (next) => server.server.listen({ port: next, host: values.host });
  const failed = new Promise<never>((_, reject) =>
    server.server.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") reject(error);
    }),
  );
  server.serve(port);
  await Promise.race([server.ready(), failed]).catch((error: Error) => fail(`Cannot serve on ${values.host} port ${port}: ${error.message}`));
  const bound = server.server.address() as AddressInfo;
  log(servingLine(bound.address, bound.port, preview.basePath));

  const pending = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  // Each file's stat when the last update began reading it, and the files an update is still to read.
  const taken = new Map<string, string | undefined>();
  const waiting = new Set<string>();
  const update = async (changes: [string, string][]) => {
    for (const [path] of changes) {
      waiting.delete(path);
      taken.set(path, stamp(path));
    }
    let done = () => {};
    updating = new Promise((resolve) => (done = resolve));
    try {
      await updateNow(changes);
    } finally {
      updating = undefined;
      done();
    }
  };
  const updateNow = async (changes: [string, string][]) => {
    const copied = changes.filter(([path, event]) => path.startsWith(assets) && event !== "unlink").map(([path]) => copyAsset(path, preview.out));
    const content = changes.filter(([path]) => !path.startsWith(assets));
    if (copied.length) server.reloadFiles(copied);
    if (!content.length) return;
    const result = await preview.update(content);
    report(log, result);
    if (!result.ok) return;
    server.reloadFiles(result.written.length ? result.written : [join(preview.out, "index.html")]);
    search.refresh();
  };

  watcher = watch([preview.content, assets], {
    ignoreInitial: true,
    // Editors' swap and backup files, and anything hidden, are not content.
    ignored: (path: string) => /^\.|~$|\.(swp|swx|tmp)$/.test(basename(path)),
  });
  const changed = (path: string, event: string) => {
    pending.set(resolve(path), event);
    waiting.add(resolve(path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = [...pending];
      pending.clear();
      queue = queue.then(() => update(changes)).catch(printError);
    }, SETTLE_MS);
  };
  watcher.on("all", (event, path) => {
    if (event === "addDir") return;
    changed(path, event);
    // chokidar drops a file's "change" within 50 ms of its last one: an editor that saves twice in a row (format on
    // save) would leave the first version showing. So the file is looked at again once that window has passed, and
    // counts as changed again only if it differs from what the last update read (never twice for one save).
    if (event === "change") recheck(resolve(path));
  });
  const recheck = (path: string) =>
    setTimeout(() => {
      if (waiting.has(path)) return recheck(path);
      const now = stamp(path);
      if (now !== undefined && now !== taken.get(path)) changed(path, "change");
    }, CHANGE_WINDOW_MS);
  await new Promise<void>((ready) => watcher.on("ready", ready));
  log(`Watching ${displayPath(preview.content) || "."} and ${displayPath(assets)} for changes; Ctrl-C stops.`);
}

function report(log: (line: string) => void, result: PreviewUpdate): void {
  if (result.ok) log(result.message);
  else process.stderr.write(`${result.message}\n`);
}

/** What tells one save of the file at `path` from the next (undefined once it is gone: its "unlink" follows). */
function stamp(path: string): string | undefined {
  const now = statSync(path, { throwIfNoEntry: false });
  return now && `${now.ino}:${now.size}:${now.mtimeMs}`;
}

/** Copies a changed stylesheet, script or image into the preview; returns where it went. */
function copyAsset(path: string, out: string): string {
  const target = join(out, "assets", relative(assets, path));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(path, target);
  return target;
}

/** A mistake in how the preview was started: one line, exit 1. */
function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

runAsScript(import.meta.url, main);

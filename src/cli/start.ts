import EleventyDevServer from "@11ty/eleventy-dev-server";
import { watch } from "chokidar";
import { copyFileSync, mkdirSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { displayPath } from "../content/read.ts";
import { Preview, type PreviewUpdate } from "../preview.ts";
import { parseOptions, printError, runAsScript } from "./command.ts";

const assets = resolve(dirname(fileURLToPath(import.meta.url)), "../../templates/assets");
/** How long the watcher waits after the last event before rebuilding, so a save that writes several files is one rebuild. */
const SETTLE_MS = 20;
/** More changed files than this at once (a checkout, a bulk import) get one full rebuild. */
const MANY_FILES = 20;

/**
 * `npm start`: the preview server. Content edits are handled here, in one long-lived process; `npm start` runs it
 * under `tsx watch`, which restarts it when a template or pipeline module changes.
 */
export async function main(args: string[]): Promise<void> {
  const { values } = parseOptions({
    command: "start",
    usage: "[--content DIR] [--out DIR] [--port N]",
    options: {
      content: { type: "string", default: process.env.CASEFILE_CONTENT || "content" },
      out: { type: "string", default: ".cache/preview" },
      port: { type: "string", default: "8080" },
    },
  }, args);
  const preview = new Preview(values.content, values.out);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Casefile preview of ${displayPath(preview.content) || "."}, drafts shown, written to ${displayPath(preview.out)}/`);
  report(log, await preview.rebuildAll());

  const server = EleventyDevServer.getServer("casefile", preview.out, {
    port: Number(values.port),
    pathPrefix: preview.basePath,
    logger: { info: log, log, error: (line: string) => process.stderr.write(`${line}\n`) },
    messageOnStart: ({ localhostUrl }: { localhostUrl: string }) => `Serving ${localhostUrl}`,
  });
  server.serve(Number(values.port));
  await server.ready();

  const pending = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  const update = async (changes: [string, string][]) => {
    const copied = changes.filter(([path, event]) => path.startsWith(assets) && event !== "unlink").map(([path]) => copyAsset(path, preview.out));
    const content = changes.filter(([path]) => !path.startsWith(assets));
    if (copied.length) server.reloadFiles(copied);
    if (!content.length) return;
    const edits = content.every(([path, event]) => event === "change" && path.endsWith(".md"));
    const result = edits && content.length <= MANY_FILES ? await preview.rebuildArticles(content.map(([path]) => path)) : await preview.rebuildAll();
    report(log, result);
    if (result.ok) server.reloadFiles(result.written.length ? result.written : [join(preview.out, "index.html")]);
  };

  const watcher = watch([preview.content, assets], {
    ignoreInitial: true,
    // Editors' swap and backup files, and anything hidden, are not content.
    ignored: (path: string) => /^\.|~$|\.(swp|swx|tmp)$/.test(basename(path)),
  });
  watcher.on("all", (event, path) => {
    if (event === "addDir") return;
    pending.set(resolve(path), event);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = [...pending];
      pending.clear();
      queue = queue.then(() => update(changes)).catch(printError);
    }, SETTLE_MS);
  });
  await new Promise<void>((ready) => watcher.on("ready", ready));
  log(`Watching ${displayPath(preview.content) || "."} and ${displayPath(assets)} for changes; Ctrl-C stops.`);
}

function report(log: (line: string) => void, result: PreviewUpdate): void {
  if (result.ok) log(result.message);
  else process.stderr.write(`${result.message}\n`);
}

/** Copies a changed stylesheet, script or image into the preview; returns where it went. */
function copyAsset(path: string, out: string): string {
  const target = join(out, "assets", relative(assets, path));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(path, target);
  return target;
}

runAsScript(import.meta.url, main);

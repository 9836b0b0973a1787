import { readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isRunning, lockOutput, OutputRefused, resolveOutput } from "./output.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where the previews of a project keep their folders, one `preview-<pid>/` per running `npm start`. */
const PREVIEWS = ".cache";
const OWN_FOLDER = /^preview-(\d+)$/;

/** The folders one `npm start` writes: its own `root` (removed when it stops), the site it serves, the search index. */
export interface PreviewFolders {
  /** `.cache/preview-<pid>/`: this process's alone, whatever `--out` says. */
  root: string;
  /** The site the server serves: `<root>/site/`, or exactly the `--out` folder when one is given. */
  site: string;
  /** The preview's Pagefind index (`pagefind/`, `pagefind-2/`…), served beside the site. */
  search: string;
  /** Removes the root and gives up the `--out` lock; safe to call more than once, and from an exit handler. */
  release(): void;
}

/**
 * Claims this process's preview folders in the project `cwd`. Every `npm start` gets its own
 * `.cache/preview-<pid>/`, so two previews of one project never write the same folder; roots left by previews
 * that are no longer running (killed outright) are removed first. An explicit `out` is checked and locked as the
 * build's output is (`resolveOutput`, `lockOutput`): never the content folder or a folder of other files, and a
 * second preview into the same `out` gets a one-line refusal naming the process that holds it.
 */
export function claimPreviewFolders(out: string | undefined, content: string, cwd = process.cwd()): PreviewFolders | { refused: string } {
  const root = resolve(cwd, PREVIEWS, `preview-${process.pid}`);
  let site = join(root, "site");
  let unlock = () => {};
  if (out !== undefined) {
    try {
      site = resolveOutput(out, { content, cwd, projectRoot });
      unlock = lockOutput(site);
    } catch (error) {
      if (error instanceof OutputRefused) return { refused: `npm start refused: ${error.message}` };
      throw error;
    }
  }
  removeLeftovers(resolve(cwd, PREVIEWS));
  let released = false;
  return {
    root,
    site,
    search: join(root, "search"),
    release() {
      if (released) return;
      released = true;
      rmSync(root, { recursive: true, force: true });
      unlock();
    },
  };
}

/** Removes `preview-<pid>/` folders whose process has ended, and a stale one under this process's own PID. */
function removeLeftovers(previews: string): void {
  let names: string[];
  try {
    names = readdirSync(previews);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(OWN_FOLDER.exec(name)?.[1]);
    if (pid && (pid === process.pid || !isRunning(pid))) rmSync(join(previews, name), { recursive: true, force: true });
  }
}

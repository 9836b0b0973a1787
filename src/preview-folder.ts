import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { displayPath } from "./content/read.ts";

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
 * that are no longer running (killed outright) are removed first. An explicit `out` is used as named and is
 * guarded by `<out>.lock`, holding the PID of the preview writing it: a second preview into the same `out` gets
 * a one-line refusal naming that PID, and a lock whose holder has ended is taken over.
 */
export function claimPreviewFolders(out: string | undefined, cwd = process.cwd()): PreviewFolders | { refused: string } {
  const root = resolve(cwd, PREVIEWS, `preview-${process.pid}`);
  const site = out === undefined ? join(root, "site") : resolve(cwd, out);
  const lock = out === undefined ? undefined : `${site}.lock`;
  if (lock) {
    const holder = lockHolder(lock);
    if (holder !== undefined && holder !== process.pid && running(holder)) {
      return { refused: `Another preview (PID ${holder}) is writing ${displayPath(site, cwd)}/; stop it first, or give this one another --out.` };
    }
    mkdirSync(dirname(lock), { recursive: true });
    writeFileSync(lock, `${process.pid}\n`);
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
      if (lock && lockHolder(lock) === process.pid) rmSync(lock, { force: true });
    },
  };
}

/** The PID a lock file names, if it can be read. */
function lockHolder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this PID exists (one owned by another user counts). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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
    if (pid && (pid === process.pid || !running(pid))) rmSync(join(previews, name), { recursive: true, force: true });
  }
}

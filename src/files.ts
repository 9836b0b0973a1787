import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";

/**
 * Every file below `dir`, as paths relative to it with forward slashes, in a fixed order whatever the file system's
 * (the one walker of written folders: the check stage, the bench, the tests). Content is walked by content/read.ts,
 * which also decides which links it follows.
 */
export function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
}

/** Whether the absolute path `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

/** Writes all of `bytes` at the descriptor's position: a write may take fewer bytes than it was given. */
export function writeFully(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
}

/**
 * Replaces `file` with `content` by writing a temporary file beside it and renaming it, so a reader sees the old
 * file or the new one, never part of one (the build's caches in `.cache/casefile/`). `content` is the text, or a
 * function that writes the file through its descriptor (a cache too large to hold in memory at once).
 */
export function replaceFile(file: string, content: string | ((fd: number) => void)): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  // A build killed between write and rename leaves its temporary file; the next write clears it.
  const temporary = `${basename(file)}.tmp-`;
  for (const name of readdirSync(dir)) if (name.startsWith(temporary)) rmSync(join(dir, name), { force: true });
  const path = join(dir, `${temporary}${process.pid}`);
  if (typeof content === "string") writeFileSync(path, content);
  else {
    const fd = openSync(path, "w");
    try {
      content(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(path, { force: true });
      throw error;
    }
    closeSync(fd);
  }
  renameSync(path, file);
}

import { readdirSync } from "node:fs";
import { join, sep } from "node:path";

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

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listFiles } from "./files.ts";

// Names of the code that made a cached result: a cache holds only under the same name. The parse cache names every
// file of src/ and the packages that read articles (`pipelineIdentity`); the output keys name that, every file of
// templates/ and every package the program runs on (`renderIdentity`); the link cache and the search index's
// parts name the packages and the module that made them (`installedVersion`, `sourceHash`).

/** The source folder, `src/`. */
const SOURCES = dirname(fileURLToPath(import.meta.url));
/** The templates folder, `templates/`, beside it. */
const TEMPLATES = join(SOURCES, "../templates");
// The packages whose code turns an article's bytes into what the parse cache keeps; those they depend on are found from them.
const PIPELINE_PACKAGES = ["gray-matter", "yaml", "markdown-it", "luxon"];

/** The version of an installed package, as Node finds it from `src/`; "unknown" if it is not there. */
export function installedVersion(name: string): string {
  const dir = packageDir(name, SOURCES);
  if (!dir) return "unknown";
  try {
    const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * A hash of a module's source file (pass its `import.meta.url`), cut to 64 bits. Called as the module loads, it
 * describes the code that runs even if the file is edited during a build.
 */
export function sourceHash(moduleUrl: string): string {
  return createHash("sha256").update(readFileSync(fileURLToPath(moduleUrl))).digest("hex").slice(0, 16);
}

/**
 * Names the code that made the parse cache's entries: every file of `src/` (a change to any module, not only to the ones that
 * read articles, counts: hashing them all costs a few milliseconds and cannot leave one out), the name and version
 * of every installed package the read depends on (gray-matter, yaml, markdown-it, luxon and, through their
 * package.json files, the packages below them, wherever npm placed them), and the Node version with its ICU and
 * time-zone data, which luxon formats dates with. `src` is the source folder (a test gives another).
 */
export function pipelineIdentity(src = SOURCES): string {
  // This program's own is found once a process: the parse cache and the output keys (`renderIdentity`) both name it.
  if (src === SOURCES) return (ownPipeline ??= pipelineOf(src));
  return pipelineOf(src);
}

let ownPipeline: string | undefined;

function pipelineOf(src: string): string {
  const hash = createHash("sha256");
  const { icu, tz, unicode } = process.versions;
  hash.update(`node ${process.version}; icu ${icu ?? "none"}; tz ${tz ?? "none"}; unicode ${unicode ?? "none"}\0`);
  for (const name of listFiles(src)) hash.update(`${name}\0`).update(readFileSync(join(src, name))).update("\0");
  for (const pkg of installedPackages(PIPELINE_PACKAGES, src)) hash.update(`${pkg}\0`);
  return hash.digest("hex");
}

/**
 * Names the code that renders the site from an archive, which every output key holds (templates/routes.ts): the
 * read's code (`pipelineIdentity`), every file of `templates/`, and the name and version of every package in the
 * project's `dependencies` and the packages below them (Eleventy, sharp and the fonts among them). After an
 * upgrade of any of these, the next build renders every output again instead of carrying what the old code made.
 * `src` and `templates` are the folders (a test gives others); the project's package.json is the one beside them.
 */
export function renderIdentity(src = SOURCES, templates = TEMPLATES): string {
  const hash = createHash("sha256").update(`${pipelineIdentity(src)}\0`);
  for (const name of listFiles(templates)) hash.update(`${name}\0`).update(readFileSync(join(templates, name))).update("\0");
  const project = JSON.parse(readFileSync(join(src, "../package.json"), "utf8")) as { dependencies?: Record<string, unknown> };
  for (const pkg of installedPackages(Object.keys(project.dependencies ?? {}), src)) hash.update(`${pkg}\0`);
  return hash.digest("hex");
}

/**
 * `name@version` of each package in `roots` and of every package they depend on, as Node would find them from
 * `from` (the nearest `node_modules` folder up the tree that has it), sorted; one that is not there is `name@missing`.
 */
function installedPackages(roots: readonly string[], from: string): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const queue = roots.map((name) => ({ name, from }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const dir = packageDir(next.name, next.from);
    if (!dir) {
      found.add(`${next.name}@missing`);
      continue;
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    let manifest: { version?: unknown; dependencies?: Record<string, unknown>; optionalDependencies?: Record<string, unknown> };
    try {
      manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as typeof manifest;
    } catch {
      found.add(`${next.name}@unreadable`);
      continue;
    }
    found.add(`${next.name}@${String(manifest.version)}`);
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) queue.push({ name, from: dir });
  }
  return [...found].sort();
}

function packageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

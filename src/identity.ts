import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Names of the code that made a cached result: a cache holds only under the same name (see the link cache and
// the search index's parts; the parse cache names every file of src/ with `pipelineIdentity`).

/** The version of an installed package: the package.json named for it, found up from its entry point; "unknown" if none is. */
export function installedVersion(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.resolve(name))); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const found = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (found.name === name && typeof found.version === "string") return found.version;
    } catch {
      // No package.json at this level: look further up.
    }
  }
  return "unknown";
}

/**
 * A hash of a module's source file (pass its `import.meta.url`), cut to 64 bits. Called as the module loads, it
 * describes the code that runs even if the file is edited during a build.
 */
export function sourceHash(moduleUrl: string): string {
  return createHash("sha256").update(readFileSync(fileURLToPath(moduleUrl))).digest("hex").slice(0, 16);
}

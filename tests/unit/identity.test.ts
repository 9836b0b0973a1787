import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { renderIdentity } from "../../src/identity.ts";

describe("the name of the code that renders the site, held in every output key", () => {
  /** A project laid out as this one is: src/, templates/, package.json and its installed packages. */
  function project(): string {
    const dir = mkdtempSync(join(tmpdir(), "casefile-render-identity-"));
    const files = {
      "package.json": JSON.stringify({ name: "site", dependencies: { "@11ty/eleventy": "3.1.8", sharp: "0.35.5" } }),
      "src/index.ts": "export const a = 1;\n",
      "templates/article.ts": "export const render = () => '<h1>';\n",
      "templates/assets/site.css": "body { margin: 0 }\n",
      "node_modules/@11ty/eleventy/package.json": JSON.stringify({ name: "@11ty/eleventy", version: "3.1.8", dependencies: { "@11ty/dependency-tree": "^4" } }),
      "node_modules/@11ty/dependency-tree/package.json": JSON.stringify({ name: "@11ty/dependency-tree", version: "4.0.0" }),
      "node_modules/sharp/package.json": JSON.stringify({ name: "sharp", version: "0.35.5" }),
    };
    for (const [path, text] of Object.entries(files)) write(dir, path, text);
    return dir;
  }
  const write = (dir: string, path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  it("stays the same for the same code, so an unchanged page is carried, and changes after any template, module or package changes", () => {
    const dir = project();
    const identity = () => renderIdentity(join(dir, "src"), join(dir, "templates"));
    const first = identity();
    expect(identity()).toBe(first);
    const seen = new Set([first]);
    for (const [path, text] of [
      ["templates/article.ts", "export const render = () => '<h1 class=\"title\">';\n"],
      ["templates/assets/site.css", "body { margin: 1rem }\n"],
      ["src/index.ts", "export const a = 2;\n"],
      ["node_modules/sharp/package.json", JSON.stringify({ name: "sharp", version: "0.36.0" })],
      ["node_modules/@11ty/dependency-tree/package.json", JSON.stringify({ name: "@11ty/dependency-tree", version: "4.0.1" })],
    ]) {
      write(dir, path!, text!);
      const now = identity();
      expect(seen.has(now), path).toBe(false);
      seen.add(now);
    }
  });

  it("names this program's own code", () => {
    expect(renderIdentity()).toMatch(/^[0-9a-f]{64}$/);
  });
});

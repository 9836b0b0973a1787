import { archiveForEleventy, articlesWrittenByBuild } from "./src/eleventy.ts";

// The subset of Eleventy's config API this site uses.
interface EleventyConfig {
  addExtension(extensions: string[], options: { key: string }): void;
  addGlobalData(name: string, value: () => unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  ignores: { add(path: string): void };
}

/** Eleventy renders templates/ with one global: the archive that src/ built from content/. */
export default function (config: EleventyConfig) {
  config.addExtension(["11ty.ts"], { key: "11ty.js" });
  config.addGlobalData("archive", archiveForEleventy);
  // The production build streams article pages itself with the same template (fewer objects held per page).
  if (articlesWrittenByBuild()) config.ignores.add("templates/article.11ty.ts");
  config.addPassthroughCopy({ "templates/assets": "assets" });
  return {
    templateFormats: ["11ty.ts"],
    dir: { input: "templates", includes: "_includes" },
  };
}

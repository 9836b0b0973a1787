import { ContentError } from "./content/problems.ts";
import { loadArchive } from "./index.ts";
import type { Archive } from "./types.ts";

let handedOver: Archive | undefined;

/** The content folder Eleventy reads through the pipeline: CASEFILE_CONTENT, else ./content. */
export function contentDir(): string {
  return process.env.CASEFILE_CONTENT || "content";
}

/**
 * The build and the preview validate first and hand their archive over, so content is parsed once per render.
 * It then writes the article pages itself (see site/article-pages.ts), so Eleventy leaves them out.
 */
export function provideArchive(archive: Archive): void {
  handedOver = archive;
}

/** True when the build (or the preview) writes article pages itself; Eleventy run on its own renders them. */
export function articlesWrittenByBuild(): boolean {
  return handedOver !== undefined;
}

/**
 * The archive for Eleventy's global data: the one handed over, or, when Eleventy is run on its own (the tests
 * compare its article pages with the build's), read from the content folder; invalid content throws the full report.
 */
export function archiveForEleventy(): Archive {
  if (handedOver) return handedOver;
  const result = loadArchive(contentDir());
  if (!result.archive) throw new ContentError(result.problems);
  return result.archive;
}

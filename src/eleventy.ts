import { ContentError } from "./content/problems.ts";
import { loadArchive } from "./index.ts";
import type { Archive } from "./types.ts";

let handedOver: Archive | undefined;

/** The content folder Eleventy reads through the pipeline: CASEFILE_CONTENT, else ./content. */
export function contentDir(): string {
  return process.env.CASEFILE_CONTENT || "content";
}

/**
 * The build command validates first and hands its archive over, so content is parsed once per build.
 * It then writes the article pages itself (see site/article-pages.ts), so Eleventy leaves them out.
 */
export function provideArchive(archive: Archive): void {
  handedOver = archive;
}

/** True when the build writes article pages itself; the dev server lets Eleventy render them. */
export function articlesWrittenByBuild(): boolean {
  return handedOver !== undefined;
}

/**
 * The archive for Eleventy's global data. Under the dev server it is read afresh on every rebuild,
 * drafts included, and invalid content throws the full problem report so the server shows it and keeps watching.
 */
export function archiveForEleventy(): Archive {
  if (handedOver) return handedOver;
  const serving = process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";
  const result = loadArchive(contentDir(), { drafts: serving });
  if (!result.archive) throw new ContentError(result.problems);
  return result.archive;
}

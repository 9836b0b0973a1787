import * as pagefind from "pagefind";

/** Builds the Pagefind search index of a rendered site into `<siteDir>/pagefind/`; returns the number of pages indexed. */
export async function writeSearchIndex(siteDir: string, language: string): Promise<number> {
  try {
    const created = await pagefind.createIndex({ forceLanguage: language.split("-")[0] ?? "en" });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const added = await created.index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join("; ")}`);
    const written = await created.index.writeFiles({ outputPath: `${siteDir}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

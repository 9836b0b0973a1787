import type { Output } from "./routes.ts";

/**
 * The one Eleventy template: one page per output the route table hands Eleventy for this render (all of them
 * in a full build, only those whose inputs changed in an incremental one), each rendered by its route.
 */
export const data = {
  pagination: { data: "casefile.outputs", size: 1, alias: "output" },
  permalink: (d: { output: Output }) => d.output.path,
  eleventyExcludeFromCollections: true,
};

export function render(d: { output: Output }): string {
  // Only kinds written directly (photos, cards) render bytes; every kind Eleventy writes renders text.
  return d.output.render() as string;
}

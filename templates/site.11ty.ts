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
  const rendered = d.output.render();
  // Only kinds flagged `direct` may render bytes, and those are never handed to Eleventy.
  if (typeof rendered !== "string") throw new Error(`${d.output.kind} renders bytes: flag its route direct`);
  return rendered;
}

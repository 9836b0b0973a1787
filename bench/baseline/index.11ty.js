import { entry, page } from "./_page.js";

export const data = { layout: false, permalink: "/" };

// The home page: the ten newest articles.
export function render(data) {
  const latest = data.collections.articles.slice(-10).reverse();
  return page("Home", `<h1>Latest articles</h1>\n<ol>${latest.map(entry).join("\n")}</ol>`);
}

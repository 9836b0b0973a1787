import { entry, page } from "./_page.js";

export const data = { layout: false, permalink: "/timeline/" };

// One page with every article, oldest first, grouped by year.
export function render(data) {
  const years = new Map();
  for (const item of data.collections.articles) {
    const year = item.date.getUTCFullYear();
    years.set(year, [...(years.get(year) ?? []), item]);
  }
  const sections = [...years].map(([year, items]) => `<h2 id="y${year}">${year}</h2>\n<ol>${items.map(entry).join("\n")}</ol>`);
  return page("Timeline", `<h1>Timeline</h1>\n${sections.join("\n")}`);
}

import { html } from "../src/html.ts";
import type { YearArchive } from "../src/types.ts";
import { layout, onePagePer, type PageData } from "./_includes/layout.ts";
import { articleList } from "./_includes/parts.ts";

type Data = PageData & { year: YearArchive };

export const data = onePagePer("archive.years", "year");

export function render(d: Data): string {
  const y = d.year;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}archive/">By date</a></p>
<h1>${y.year}</h1>
<nav aria-label="Months of ${y.year}"><ul class="chips">${y.months.map((m) => html`<li><a href="${m.url}">${m.label}</a></li>`)}</ul></nav>
${articleList(y.articles)}`;
  return layout(d, { title: String(y.year), description: `Articles from ${y.year}.`, section: "archive", body });
}

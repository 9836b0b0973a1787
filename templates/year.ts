import { html } from "../src/html.ts";
import type { Listing, YearArchive } from "../src/types.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { articleList, partNav } from "./_includes/parts.ts";

type Data = PageData & { listing: Listing<YearArchive> };


export function render(d: Data): string {
  const { of: y, part } = d.listing;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}archive/">By date</a></p>
<h1>${y.year}</h1>
<nav aria-label="Months of ${y.year}"><ul class="chips">${y.months.map((m) => html`<li><a href="${m.url}">${m.label}</a></li>`)}</ul></nav>
${partNav(part)}
${articleList(part.articles)}
${partNav(part)}`;
  return layout(d, { title: part.number > 1 ? `${y.year} (page ${part.number})` : String(y.year), description: `Articles from ${y.year}.`, section: "archive", body });
}

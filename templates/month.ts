import { html } from "../src/html.ts";
import type { Listing, MonthArchive } from "../src/types.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { articleList, partNav } from "./_includes/parts.ts";

type Data = PageData & { listing: Listing<MonthArchive> };


export function render(d: Data): string {
  const { of: m, part } = d.listing;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}${m.year}/">${m.year}</a></p>
<h1>${m.label}</h1>
${partNav(part)}
${articleList(part.articles)}
${partNav(part)}`;
  return layout(d, { title: part.number > 1 ? `${m.label} (page ${part.number})` : m.label, description: `Articles from ${m.label}.`, section: "archive", body });
}

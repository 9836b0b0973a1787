import { html } from "../src/html.ts";
import type { MonthArchive } from "../src/types.ts";
import { layout, onePagePer, type PageData } from "./_includes/layout.ts";
import { articleList } from "./_includes/parts.ts";

type Data = PageData & { month: MonthArchive };

export const data = onePagePer("archive.months", "month");

export function render(d: Data): string {
  const m = d.month;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}${m.year}/">${m.year}</a></p>
<h1>${m.label}</h1>
${articleList(m.articles)}`;
  return layout(d, { title: m.label, description: `Articles from ${m.label}.`, section: "archive", body });
}

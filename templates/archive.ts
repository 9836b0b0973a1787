import { html } from "../src/html.ts";
import { layout, type PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  const body = html`<h1>Articles by date</h1>
${d.archive.years.map(
    (y) => html`<section aria-labelledby="archive-${y.year}">
<h2 id="archive-${y.year}"><a href="${y.url}">${y.year}</a> <span class="count">(${y.articles.length})</span></h2>
<ul class="chips">${y.months.map((m) => html`<li><a href="${m.url}">${m.label}</a> <span class="count">(${m.articles.length})</span></li>`)}</ul>
</section>`,
  )}`;
  return layout(d, { title: "Articles by date", description: "Every year and month of the case.", section: "archive", body });
}

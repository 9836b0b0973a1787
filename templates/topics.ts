import { html } from "../src/html.ts";
import { plural } from "../src/text.ts";
import { layout, type PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  const body = html`<h1>Topics</h1>
<ul class="cards">${d.archive.topics.map(
    (t) => html`<li><h2><a href="${t.url}">${t.name}</a></h2><p>${t.description}</p><p class="count">${plural(t.articles.length, "article")}</p></li>`,
  )}</ul>`;
  return layout(d, { title: "Topics", description: "The case by topic.", section: "topics", body });
}

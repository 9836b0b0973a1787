import { html } from "../src/html.ts";
import { plural } from "../src/text.ts";
import { layout, type PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  const body = html`<h1>People</h1>
<ul class="cards people-list">${d.archive.people.map(
    (p) => html`<li><h2><a href="${p.url}">${p.name}</a></h2><p>${p.role}</p><p class="count">${plural(p.articles.length, "article")}</p></li>`,
  )}</ul>`;
  return layout(d, { title: "People", description: "Everyone in the case, with their part in it.", section: "people", body });
}

import { html } from "../src/html.ts";
import { layout, type PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  const body = html`<h1>Authors</h1>
<ul class="cards people-list">${d.archive.authors.map(
    (a) => html`<li><h2><a href="${a.url}">${a.name}</a></h2>${a.role ? html`<p>${a.role}</p>` : ""}<p class="count">${a.articles.length} ${a.articles.length === 1 ? "article" : "articles"}</p></li>`,
  )}</ul>`;
  return layout(d, { title: "Authors", description: "The newsroom's writers, with what each has written.", body });
}

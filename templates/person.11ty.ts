import { html } from "../src/html.ts";
import type { PersonPage } from "../src/types.ts";
import { layout, onePagePer, type PageData } from "./_includes/layout.ts";
import { articleList } from "./_includes/parts.ts";

type Data = PageData & { person: PersonPage };

export const data = onePagePer("archive.people", "person");

export function render(d: Data): string {
  const p = d.person;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}people/">People</a></p>
<h1>${p.name}</h1>
${p.role ? html`<p class="role">${p.role}</p>` : ""}
${p.description ? html`<p class="lede">${p.description}</p>` : ""}
${p.aliases.length ? html`<p class="aliases"><span class="label">Also written as:</span> ${p.aliases.join(", ")}</p>` : ""}
<h2 class="section-title">${p.name} on the timeline</h2>
${articleList(p.articles, 3)}`;
  return layout(d, { title: p.name, description: p.role || `Articles naming ${p.name}.`, section: "people", body });
}

import { html } from "../src/html.ts";
import { profilePage } from "../src/site/jsonld.ts";
import { cardShare, personCard } from "../src/site/share.ts";
import type { Listing, PersonPage } from "../src/types.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { articleList, partNav } from "./_includes/parts.ts";

type Data = PageData & { listing: Listing<PersonPage> };


export function render(d: Data): string {
  const { of: p, part } = d.listing;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}people/">People</a></p>
<h1>${p.name}</h1>
${p.role ? html`<p class="role">${p.role}</p>` : ""}
${p.description ? html`<p class="lede">${p.description}</p>` : ""}
${p.aliases.length ? html`<p class="aliases"><span class="label">Also written as:</span> ${p.aliases.join(", ")}</p>` : ""}
<h2 class="section-title">${p.name} on the timeline</h2>
${partNav(part)}
${articleList(part.articles, 3)}
${partNav(part)}`;
  return layout(d, {
    title: part.number > 1 ? `${p.name} (page ${part.number})` : p.name,
    description: p.role || `Articles naming ${p.name}.`,
    section: "people",
    body,
    jsonLd: [profilePage(d.archive, p, d.listing.path)],
    share: cardShare(p.path, personCard(d.archive, p)),
  });
}

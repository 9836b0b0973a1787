import { html } from "../src/html.ts";
import { profilePage } from "../src/site/jsonld.ts";
import type { AuthorPage, Listing } from "../src/types.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { articleList, partNav } from "./_includes/parts.ts";

type Data = PageData & { listing: Listing<AuthorPage> };


export function render(d: Data): string {
  const { of: a, part } = d.listing;
  const body = html`<p class="kicker"><a href="${d.archive.site.basePath}authors/">Authors</a></p>
<h1>${a.name}</h1>
${a.role ? html`<p class="role">${a.role}</p>` : ""}
${a.description ? html`<p class="lede">${a.description}</p>` : ""}
${a.website ? html`<p class="website"><span class="label">Web:</span> <a href="${a.website}" rel="noopener noreferrer">${a.website}</a></p>` : ""}
<p class="feed-link"><a href="${a.url}feed.xml">Follow ${a.name} by feed</a></p>
<h2 class="section-title">Articles by ${a.name}, newest first</h2>
${partNav(part, true)}
${articleList(part.articles, 3)}
${partNav(part, true)}`;
  return layout(d, {
    title: part.number > 1 ? `${a.name} (page ${part.number})` : a.name,
    description: a.role || `Articles by ${a.name}.`,
    body,
    jsonLd: [profilePage(d.archive, a, d.listing.path)],
    feeds: [{ title: `${a.name} · ${d.archive.site.title}`, path: `authors/${a.id}/feed.xml` }],
  });
}

import { html } from "../src/html.ts";
import { layout, type PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  const base = d.archive.site.basePath;
  const body = html`<h1>Page not found</h1>
<p class="lede">There is no page at this address. It may have moved when an article's date or title was corrected.</p>
<ul>
<li><a href="${base}timeline/">Every article on the timeline</a></li>
<li><a href="${base}search/">Search the archive</a></li>
<li><a href="${base}">The home page</a></li>
</ul>`;
  return layout(d, { title: "Page not found", body, noindex: true });
}

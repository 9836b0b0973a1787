import { html } from "../src/html.ts";
import { webSite } from "../src/site/jsonld.ts";
import { siteShare } from "../src/site/share.ts";
import { caseOverview } from "../src/site/overview.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { articleList, milestoneList } from "./_includes/parts.ts";


export function render(d: PageData): string {
  const { archive } = d;
  const base = archive.site.basePath;
  const body = html`<h1>${archive.site.case.name}</h1>
<p class="lede">${archive.site.case.summary}</p>
<p><a class="button" href="${base}timeline/">Read the whole case on the timeline</a></p>
<section aria-labelledby="glance-heading">
<h2 id="glance-heading">The case at a glance</h2>
${caseOverview(archive, "home-overview")}
</section>
<section aria-labelledby="milestones-heading">
<h2 id="milestones-heading">Milestones</h2>
${milestoneList(archive)}
</section>
<section aria-labelledby="latest-heading">
<h2 id="latest-heading">Latest articles</h2>
${articleList(archive.latest, 3)}
</section>
<section aria-labelledby="topics-heading">
<h2 id="topics-heading">Topics</h2>
<ul class="chips">${archive.topics.map((t) => html`<li><a href="${t.url}">${t.name}</a> <span class="count">(${t.articles.length})</span></li>`)}</ul>
</section>`;
  return layout(d, { title: archive.site.title, section: "home", body, jsonLd: [webSite(archive)], share: siteShare(archive) });
}

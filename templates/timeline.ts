import { machineDay } from "../src/dates.ts";
import { html } from "../src/html.ts";
import { collectionPage } from "../src/site/jsonld.ts";
import { caseOverview } from "../src/site/overview.ts";
import { cardShare, timelineCard } from "../src/site/share.ts";
import type { SiteDate, TimelinePage } from "../src/types.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { entry, milestoneList, partNav } from "./_includes/parts.ts";

type Data = PageData & { timeline: TimelinePage };


export function render(d: Data): string {
  const { archive, timeline: page } = d;
  const landing = page.path === "/timeline/";
  const split = archive.timelinePages.length > 1;
  const thisYear = split && !landing ? page.years[0]?.year : undefined;
  const seenDays = new Set<string>();
  // The first article of each day carries the day as its id, so "/timeline/#2020-12-11" lands on that day.
  const dayId = (date: SiteDate) => {
    const day = machineDay(date);
    if (seenDays.has(day)) return undefined;
    seenDays.add(day);
    return day;
  };
  const topics = archive.topics.filter((t) => t.articles.length);
  const people = archive.people.filter((p) => p.articles.length);
  const yearIndex = html`<nav class="year-index" aria-label="Years">
<ul>${archive.timeline.map((y) => html`<li><a href="${y.url}"${y.year === thisYear ? html` aria-current="page"` : ""}>${y.year}</a></li>`)}</ul>
</nav>`;
  const browse = html`<details id="timeline-browse" class="browse">
<summary>One topic or one person's part of the timeline</summary>
<div class="browse-lists">
<ul class="chips" aria-label="Topics">${topics.map((t) => html`<li><a href="${t.url}" data-kind="topic" data-id="${t.id}">${t.name}</a></li>`)}</ul>
<ul class="chips" aria-label="People">${people.map((p) => html`<li><a href="${p.url}" data-kind="person" data-id="${p.id}">${p.name}</a></li>`)}</ul>
</div>
</details>`;
  const entries = html`<div id="timeline">
${page.years.map(
  (y) => html`<section class="timeline-year" id="${y.anchor}" aria-labelledby="${y.anchor}-heading">
<h2 id="${y.anchor}-heading">${y.year}</h2>
<ol class="entries timeline">${y.articles.map((a) => entry(a, 3, dayId(a.date), true))}</ol>
</section>`,
)}
</div>`;

  if (landing && split) {
    const body = html`<h1>Timeline</h1>
<p class="lede">${archive.site.case.summary}</p>
<p>Every article of the case, oldest first: ${archive.articles.length} articles over ${archive.timeline.length} years, one page a year.</p>
${caseOverview(archive, "timeline-overview")}
<h2>Years</h2>
<ul class="chips">${archive.timeline.map((y) => html`<li><a href="${y.url}">${y.year}</a> <span class="count">(${y.articles.length})</span></li>`)}</ul>
<h2>Milestones</h2>
${milestoneList(archive)}`;
    const description = "Every article of the case, oldest first.";
    return layout(d, {
      title: "Timeline",
      description,
      section: "timeline",
      body,
      jsonLd: [collectionPage(archive, { name: "Timeline", description, path: page.path, articles: [] })],
      share: cardShare("/timeline/", timelineCard(archive)),
    });
  }
  const heading = thisYear === undefined ? "Timeline" : `Timeline: ${thisYear}${page.part ? `, page ${page.part.number} of ${page.part.count}` : ""}`;
  const body = html`<h1>${heading}</h1>
${
  thisYear === undefined
    ? html`<p class="lede">${archive.site.case.summary}</p>
<p>Every article of the case, oldest first: ${archive.articles.length} articles, ${archive.milestones.length} of them marked as milestones.</p>
${caseOverview(archive, "timeline-overview")}`
    : html`<p><a href="${archive.site.basePath}timeline/">The whole case at a glance</a></p>`
}
${browse}
${yearIndex}
${partNav(page.part)}
${entries}
${partNav(page.part)}`;
  const title = thisYear === undefined ? "Timeline" : heading.replace("Timeline: ", "Timeline, ");
  const description = thisYear === undefined ? "Every article of the case, oldest first." : `Every article of ${thisYear}, oldest first.`;
  return layout(d, {
    title,
    description,
    section: "timeline",
    body,
    jsonLd: [collectionPage(archive, { name: title, description, path: page.path, articles: page.years.flatMap((y) => y.articles) })],
    scripts: ["assets/timeline.js"],
    share: cardShare("/timeline/", timelineCard(archive)),
  });
}

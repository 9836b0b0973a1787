import { html } from "../src/html.ts";
import { caseOverview } from "../src/site/overview.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { entry } from "./_includes/parts.ts";

export const data = { permalink: "/timeline/", eleventyExcludeFromCollections: true };

export function render(d: PageData): string {
  const { archive } = d;
  const seenDays = new Set<string>();
  // The first article of each day carries the day as its id, so "/timeline/#2020-12-11" lands on that day.
  const dayId = (datetime: string) => {
    const day = datetime.slice(0, 10);
    if (seenDays.has(day)) return undefined;
    seenDays.add(day);
    return day;
  };
  const topics = archive.topics.filter((t) => t.articles.length);
  const people = archive.people.filter((p) => p.articles.length);
  const body = html`<h1>Timeline</h1>
<p class="lede">${archive.site.case.summary}</p>
<p>Every article of the case, oldest first: ${archive.articles.length} articles, ${archive.milestones.length} of them marked as milestones.</p>
${caseOverview(archive, "timeline-overview")}
<details id="timeline-browse" class="browse">
<summary>One topic or one person's part of the timeline</summary>
<div class="browse-lists">
<ul class="chips" aria-label="Topics">${topics.map((t) => html`<li><a href="${t.url}" data-kind="topic" data-id="${t.id}">${t.name}</a></li>`)}</ul>
<ul class="chips" aria-label="People">${people.map((p) => html`<li><a href="${p.url}" data-kind="person" data-id="${p.id}">${p.name}</a></li>`)}</ul>
</div>
</details>
<nav class="year-index" aria-label="Years">
<ul>${archive.timeline.map((y) => html`<li><a href="#${y.anchor}">${y.year}</a></li>`)}</ul>
</nav>
<div id="timeline">
${archive.timeline.map(
  (y) => html`<section class="timeline-year" id="${y.anchor}" aria-labelledby="${y.anchor}-heading">
<h2 id="${y.anchor}-heading">${y.year}</h2>
<ol class="entries timeline">${y.articles.map((a) => entry(a, 3, dayId(a.date.datetime), true))}</ol>
</section>`,
)}
</div>`;
  return layout(d, {
    title: "Timeline",
    description: "Every article of the case, oldest first.",
    section: "timeline",
    body,
    scripts: ["assets/timeline.js"],
  });
}

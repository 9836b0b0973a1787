import { html } from "../src/html.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { entry } from "./_includes/parts.ts";

export const data = { permalink: "/timeline/", eleventyExcludeFromCollections: true };

export function render(d: PageData): string {
  const { archive } = d;
  const seenDates = new Set<string>();
  // The first article of each day carries the day as its id, so "/timeline/#2020-12-11" lands on that day.
  const dayId = (datetime: string) => {
    const day = datetime.slice(0, 10);
    if (seenDates.has(day)) return undefined;
    seenDates.add(day);
    return day;
  };
  const body = html`<h1>Timeline</h1>
<p class="lede">${archive.site.case.summary}</p>
<p>Every article of the case, oldest first: ${archive.articles.length} articles, ${archive.milestones.length} of them marked as milestones.</p>
<nav class="year-index" aria-label="Years">
<ul>${archive.timeline.map((y) => html`<li><a href="#${y.anchor}">${y.year}</a></li>`)}</ul>
</nav>
${archive.timeline.map(
  (y) => html`<section class="timeline-year" id="${y.anchor}" aria-labelledby="${y.anchor}-heading">
<h2 id="${y.anchor}-heading">${y.year}</h2>
<ol class="entries timeline">${y.articles.map((a) => entry(a, 3, dayId(a.date.datetime)))}</ol>
</section>`,
)}`;
  return layout(d, { title: "Timeline", description: `Every article of the case, oldest first.`, section: "timeline", body });
}

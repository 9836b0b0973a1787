import { html, type Html } from "../html.ts";
import type { Archive, Article } from "../types.ts";
import { plural } from "../text.ts";

const BAR = 4; // width of one month in SVG units
const HEIGHT = 90; // height of the tallest bar
const LABEL = 12; // height of one row of milestone numbers
const AXIS = 20; // room for year labels
const LABELLED_MILESTONES = 30;

/**
 * "The case at a glance": articles per month across the whole case as an SVG drawn at build time,
 * milestones marked and numbered, each year label linking to its part of the timeline, and the same
 * facts in words (a description and a numbered list of the milestones).
 */
export function caseOverview(archive: Archive, idPrefix: string): Html | "" {
  const { articles } = archive;
  // Numbered markers and their key stay readable up to a few dozen; a larger case marks fewer, the newest.
  const milestones = archive.milestones.slice(-LABELLED_MILESTONES);
  const more = archive.milestones.length - milestones.length;
  const first = articles[0];
  const last = articles.at(-1);
  if (!first || !last) return "";
  const monthIndex = (a: Article) => (a.date.year - first.date.year) * 12 + a.date.month - 1;
  const months = (last.date.year - first.date.year + 1) * 12;
  const counts = new Array<number>(months).fill(0);
  for (const a of articles) counts[monthIndex(a)]!++;
  const max = Math.max(...counts);
  const busiest = counts.indexOf(max);
  const monthName = (index: number) => {
    const year = first.date.year + Math.floor(index / 12);
    return archive.months.find((m) => m.year === year && m.month === (index % 12) + 1)?.label ?? String(year);
  };
  const width = months * BAR;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  // Milestone numbers that would overlap a neighbour's move up a row.
  const rows: number[] = [];
  let lastX = -Infinity;
  for (const m of milestones) {
    const x = monthIndex(m) * BAR + BAR / 2;
    rows.push(x - lastX < 14 ? rows.at(-1)! + 1 : 0);
    lastX = x;
  }
  const TOP = (Math.max(0, ...rows) + 1) * LABEL + 8;
  const years = Array.from({ length: months / 12 }, (_, i) => first.date.year + i);
  const yearUrl = new Map(archive.timeline.map((y) => [y.year, y.url]));

  return html`<figure class="overview">
<div class="overview-scroll">
<svg viewBox="0 0 ${width} ${TOP + HEIGHT + AXIS}" role="group" aria-labelledby="${titleId}" aria-describedby="${descId}" focusable="false">
<title id="${titleId}">The case at a glance: articles per month, ${first.date.year}–${last.date.year}</title>
<desc id="${descId}">${articles.length} articles from ${first.date.display} to ${last.date.display}. The busiest month was ${monthName(busiest)}, with ${plural(max, "article")}. ${more ? `The ${milestones.length} most recent of its ${archive.milestones.length} milestones` : `${milestones.length} milestones`} are marked and listed below.</desc>
<g class="ov-bars" aria-hidden="true">${counts.map((n, i) =>
    n ? html`<rect x="${i * BAR + 0.5}" y="${TOP + HEIGHT - (n / max) * HEIGHT}" width="${BAR - 1}" height="${(n / max) * HEIGHT}"/>` : "",
  )}</g>
<g class="ov-milestones" aria-hidden="true">${milestones.map((m, i) => {
    const x = monthIndex(m) * BAR + BAR / 2;
    return html`<circle cx="${x}" cy="${TOP - 4}" r="2.5"/><text x="${x}" y="${TOP - 9 - rows[i]! * LABEL}">${i + 1}</text>`;
  })}</g>
<g class="ov-axis">${years.map((year, i) => {
    const label = html`<text x="${i * 12 * BAR + 1}" y="${TOP + HEIGHT + 16}">${String(year)}</text>`;
    const tick = html`<line x1="${i * 12 * BAR}" x2="${i * 12 * BAR}" y1="${TOP + HEIGHT}" y2="${TOP + HEIGHT + 4}" aria-hidden="true"/>`;
    const url = yearUrl.get(year);
    return url
      ? html`${tick}<a href="${url}" aria-label="${year} on the timeline">${label}</a>`
      : html`${tick}<g aria-hidden="true">${label}</g>`;
  })}</g>
</svg>
</div>
<figcaption>
<details class="ov-key">
<summary>Articles per month across the case; the numbers mark its ${milestones.length} milestones</summary>
<ol class="ov-legend">${milestones.map((m) => html`<li><a href="${m.url}">${m.title}</a> (${m.date.display})</li>`)}</ol>
</details>
</figcaption>
</figure>`;
}

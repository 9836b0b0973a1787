import { html, type Html } from "../../src/html.ts";
import type { Archive, Article, ListPart, Ref, SiteDate } from "../../src/types.ts";

/** `<time>` for a site date: machine value in datetime=, the site-language form as text. */
export function time(date: SiteDate): Html {
  return html`<time datetime="${date.datetime}">${date.display}</time>`;
}

/** Links to topics or people, separated by commas. */
export function refLinks(refs: readonly Ref[]): Html {
  return html`${refs.map((ref, i) => html`${i ? ", " : ""}<a href="${ref.url}">${ref.name}</a>`)}`;
}

/** The visible "Milestone" mark (words, not colour alone), and "Draft" on drafts in the dev server. */
export function milestoneMark(article: Article): Html {
  return html`${article.milestone ? html`<span class="badge">Milestone</span> ` : ""}${article.draft ? html`<span class="badge draft">Draft</span> ` : ""}`;
}

/**
 * A list of articles in the order given (oldest first, but for an author's), each with date, title, summary, topic and people.
 * `headingLevel` keeps heading order right on the page that holds the list.
 */
export function articleList(articles: readonly Article[], headingLevel: 2 | 3 = 2): Html {
  if (!articles.length) return html`<p class="empty">No articles yet.</p>`;
  return html`<ol class="entries">${articles.map((a) => entry(a, headingLevel))}</ol>`;
}

/**
 * One entry of a list or of the timeline. `id` lets a date be linked to ("/timeline/#2020-12-11");
 * `filterable` adds the topic and people ids the timeline's filter script reads.
 */
export function entry(article: Article, headingLevel: 2 | 3, id?: string, filterable = false): Html {
  const title = html`<a href="${article.url}">${article.title}</a>`;
  const filters = filterable ? html` data-topic="${article.topic.id}" data-people="${article.people.map((p) => p.id).join(" ")}"` : "";
  return html`<li class="entry${article.milestone ? " milestone" : ""}"${id ? html` id="${id}"` : ""}${filters}>
<p class="entry-date">${milestoneMark(article)}${time(article.date)}</p>
${headingLevel === 2 ? html`<h2 class="entry-title">${title}</h2>` : html`<h3 class="entry-title">${title}</h3>`}
<p class="entry-summary">${article.summary}</p>
<p class="entry-tags"><span class="label">Topic:</span> <a href="${article.topic.url}">${article.topic.name}</a>${
    article.people.length ? html` <span class="sep" aria-hidden="true">·</span> <span class="label">People:</span> ${refLinks(article.people)}` : ""
  }</p>
</li>`;
}

/**
 * Links between the parts of a long list ("Page 2 of 3"); nothing for a list that fits on one page. A list shown
 * newest first (an author's) continues with earlier articles, so its links are named the other way round.
 */
export function partNav(part: ListPart | undefined, newestFirst = false): Html | "" {
  if (!part || part.count === 1) return "";
  const [before, after] = newestFirst ? ["Later articles", "Earlier articles"] : ["Earlier articles", "Later articles"];
  return html`<nav class="parts" aria-label="Pages of this list">
<p>Page ${part.number} of ${part.count}</p>
<ul>${part.previous ? html`<li><a rel="prev" href="${part.previous}">${before}</a></li>` : ""}${part.next ? html`<li><a rel="next" href="${part.next}">${after}</a></li>` : ""}</ul>
</nav>`;
}

/** "By A", "By A and B", "By A, B and C": each author linked to their page; nothing for an article without authors. */
export function byline(authors: readonly Ref[]): Html | "" {
  if (!authors.length) return "";
  const last = authors.length - 1;
  return html`<p class="byline">By ${authors.map(
    (a, i) => html`${i === 0 ? "" : i === last ? " and " : ", "}<a rel="author" href="${a.url}">${a.name}</a>`,
  )}</p>`;
}

/** Most milestones a summary page lists; a large case's full set is on the timeline, where they stand out. */
export const MILESTONES_SHOWN = 20;

/** The newest MILESTONES_SHOWN milestones, oldest first, and a line pointing to the rest when there are more. */
export function milestoneList(archive: Archive): Html {
  const { milestones } = archive;
  const shown = milestones.slice(-MILESTONES_SHOWN);
  return html`${articleList(shown, 3)}${
    milestones.length > shown.length
      ? html`<p class="more">The ${shown.length} most recent of ${milestones.length} milestones; all of them are marked on the <a href="${archive.site.basePath}timeline/">timeline</a>.</p>`
      : ""
  }`;
}

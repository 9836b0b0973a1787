import { html, trusted } from "../src/html.ts";
import { figure } from "../src/site/figure.ts";
import { breadcrumbs, newsArticle } from "../src/site/jsonld.ts";
import { articleShare } from "../src/site/share.ts";
import type { Article } from "../src/types.ts";
import { layout, type PageData } from "./_includes/layout.ts";
import { byline, milestoneMark, refLinks, time } from "./_includes/parts.ts";

type Data = PageData & { article: Article };


export function render(d: Data): string {
  const a = d.article;
  const share = articleShare(d.archive, a);
  const body = html`<article class="article">
<header class="article-header">
<p class="kicker">${milestoneMark(a)}<a href="${a.topic.url}">${a.topic.name}</a></p>
<h1>${a.title}</h1>
<p class="standfirst">${a.summary}</p>
${byline(a.authors)}
<p class="meta">${time(a.date)}${
    a.updated ? html` <span class="sep" aria-hidden="true">·</span> Updated ${time(a.updated)}` : ""
  }</p>
${
  a.people.length
    ? html`<p class="meta people"><span class="label">People:</span> ${refLinks(a.people)}</p>`
    : ""
}
</header>
${a.image ? figure(a.image, "lead") : ""}
<div class="article-body">
${trusted(a.bodyHtml.toString())}
</div>
${
  a.corrections.length
    ? html`<section class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">Corrections</h2>
<ul>${a.corrections.map((c) => html`<li>${time(c.date)}: ${c.note}</li>`)}</ul>
</section>`
    : ""
}
${
  a.sources.length
    ? html`<section class="sources" aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
<ol>${a.sources.map(
        (s, i) =>
          html`<li id="source-${i + 1}"><a href="${s.url}" rel="noopener noreferrer">${s.title}</a>${s.publisher ? html`, <span class="publisher">${s.publisher}</span>` : ""}${s.date ? html`, ${time(s.date)}` : ""}<span class="print-url"> ${s.url}</span></li>`,
      )}</ol>
</section>`
    : ""
}
</article>
${
  a.related.length
    ? html`<aside class="related" aria-labelledby="related-heading">
<h2 id="related-heading">Related articles</h2>
<ul>${a.related.map((r) => html`<li><a href="${r.url}">${r.title}</a> <span class="related-date">${time(r.date)}</span></li>`)}</ul>
</aside>`
    : ""
}
<nav class="pager" aria-label="Chronology">
${a.previous ? html`<a rel="prev" href="${a.previous.url}"><span class="pager-label">Earlier</span> ${a.previous.title} <span class="pager-date">${time(a.previous.date)}</span></a>` : ""}
${a.next ? html`<a rel="next" href="${a.next.url}"><span class="pager-label">Later</span> ${a.next.title} <span class="pager-date">${time(a.next.date)}</span></a>` : ""}
</nav>`;
  return layout(d, {
    title: a.title,
    description: a.summary,
    body,
    article: a,
    share,
    jsonLd: [
      newsArticle(d.archive, a, share),
      breadcrumbs(d.archive, [
        [a.topic.name, `/topics/${a.topic.id}/`],
        [a.title, a.path],
      ]),
    ],
  });
}

import { day, esc, page } from "./_page.js";

// The layout of every Markdown article: title, date, topic, people, the rendered body and the sources.
export function render(data) {
  const people = (data.people ?? []).map((p) => `<a href="/people/${data.slug(p)}/">${esc(p)}</a>`).join(", ");
  const sources = (data.sources ?? []).map((s) => `<li><a href="${esc(s.url)}">${esc(s.title)}</a></li>`).join("");
  return page(
    data.title,
    `<article>
<h1>${esc(data.title)}</h1>
<p><time datetime="${day(data.page.date)}">${day(data.page.date)}</time> · <a href="/topics/${data.slug(data.topic)}/">${esc(data.topic)}</a></p>
${people ? `<p>People: ${people}</p>` : ""}
${data.content}
${sources ? `<h2>Sources</h2><ol>${sources}</ol>` : ""}
</article>`,
  );
}

import { entry, esc, page } from "./_page.js";

// Topic and people pages share one shape: an index of terms, and one page per term listing its articles.

/** The index page of a collection of terms, e.g. /topics/. */
export function termIndex(kind, heading) {
  return {
    data: { layout: false, permalink: `/${kind}/` },
    render: (data) =>
      page(heading, `<h1>${heading}</h1>\n<ul>${data.collections[kind].map((t) => `<li><a href="/${kind}/${t.id}/">${esc(t.name)}</a> (${t.articles.length})</li>`).join("\n")}</ul>`),
  };
}

/** One page per term, e.g. /topics/<id>/, paginated over the collection. */
export function termPages(kind) {
  return {
    data: {
      layout: false,
      pagination: { data: `collections.${kind}`, size: 1, alias: "term" },
      permalink: (data) => `/${kind}/${data.term.id}/`,
    },
    render: (data) => page(data.term.name, `<h1>${esc(data.term.name)}</h1>\n<ol>${data.term.articles.map(entry).join("\n")}</ol>`),
  };
}

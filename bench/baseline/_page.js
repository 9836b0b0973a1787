// The shared shell and helpers of the baseline's minimal templates.

/** Escapes text for HTML element content and attribute values. */
export const esc = (value) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** A front-matter date (a UTC midnight Date for YYYY-MM-DD) as YYYY-MM-DD. */
export const day = (date) => date.toISOString().slice(0, 10);

/** One article in a list: its date and linked title. */
export const entry = (item) => `<li><time datetime="${day(item.date)}">${day(item.date)}</time> <a href="${item.url}">${esc(item.data.title)}</a></li>`;

/** The whole HTML document around a page's body. */
export const page = (title, body) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body>
<nav><a href="/">Home</a> <a href="/timeline/">Timeline</a> <a href="/topics/">Topics</a> <a href="/people/">People</a></nav>
<main>
${body}
</main>
</body>
</html>
`;

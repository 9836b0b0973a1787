// Search page enhancement: runs Pagefind in the browser. Without JavaScript the page shows links to browse instead.
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const fallback = document.getElementById("search-fallback");
const FIELDS = { topic: "topic", person: "person", year: "year" };
const MAX_RESULTS = 30;

fallback.hidden = true;
const pagefind = await import(`${form.dataset.bundle}pagefind.js`);
await pagefind.options({ baseUrl: form.dataset.base });
// A large archive's index is in parts (pagefind-2/, pagefind-3/…); results and filter counts come from all of them.
for (const path of form.dataset.merge.split(" ").filter(Boolean)) await pagefind.mergeIndex(path, { baseUrl: form.dataset.base });

// Pagefind excerpts are page text with <mark> around hits: rebuild them as text nodes and <mark> elements only.
function excerptNodes(excerpt) {
  const parts = excerpt.split(/(<mark>|<\/mark>)/);
  const nodes = [];
  let marked = false;
  for (const part of parts) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) {
      const text = new DOMParser().parseFromString(part, "text/html").body.textContent ?? "";
      if (marked) {
        const mark = document.createElement("mark");
        mark.textContent = text;
        nodes.push(mark);
      } else nodes.push(document.createTextNode(text));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "entry";
  const date = document.createElement("p");
  date.className = "entry-date";
  date.textContent = data.meta.date ?? "";
  const heading = document.createElement("h2");
  heading.className = "entry-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "entry-summary";
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(date, heading, excerpt);
  return item;
}

async function run() {
  const data = new FormData(form);
  const query = String(data.get("q") ?? "").trim();
  const filters = {};
  for (const [field, filter] of Object.entries(FIELDS)) {
    const value = String(data.get(field) ?? "");
    if (value) filters[filter] = value;
  }
  const params = new URLSearchParams([...data].filter(([, v]) => v !== ""));
  history.replaceState(null, "", params.size ? `?${params}` : location.pathname);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  const search = await pagefind.search(query || null, { filters });
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  list.replaceChildren(...results.map(resultItem));
  const count = search.results.length;
  status.textContent =
    count === 0 ? "No articles found." : `${count} ${count === 1 ? "article" : "articles"} found${count > MAX_RESULTS ? `, showing the best ${MAX_RESULTS}` : ""}.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
for (const select of form.querySelectorAll("select")) select.addEventListener("change", run);

const initial = new URLSearchParams(location.search);
for (const [name, value] of initial) {
  const field = form.elements.namedItem(name);
  if (field && "value" in field) field.value = value;
}
if ([...initial].length) run();

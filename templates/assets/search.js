// Search page enhancement: runs Pagefind in the browser. Without JavaScript the page shows links to browse instead.
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const suggestion = document.getElementById("search-suggest");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const fallback = document.getElementById("search-fallback");
const FIELDS = { topic: "topic", person: "person", year: "year" };
const MAX_RESULTS = 30;

fallback.hidden = true;
const pagefind = await import(`${form.dataset.bundle}pagefind.js`);
await pagefind.options({ baseUrl: form.dataset.base });
// A large archive's index is in parts (pagefind-2/, pagefind-3/…); results and filter counts come from all of them.
for (const path of form.dataset.merge.split(" ").filter(Boolean)) await pagefind.mergeIndex(path, { baseUrl: form.dataset.base });

// Pagefind excerpts are page text (entities escaped) with <mark> around hits. The whole excerpt is parsed at
// once, so the spaces around each hit stay; only its text and its <mark> elements are kept.
function excerptNodes(excerpt) {
  const body = new DOMParser().parseFromString(excerpt, "text/html").body;
  return [...body.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent ?? "");
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
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

// "Did you mean …?": people's names and aliases and topics' names (search/names.json, keys folded at build
// time as the build folds names), matched against the query's words by edit distance.
let names;
async function loadNames() {
  names ??= fetch(form.dataset.names)
    .then((response) => (response.ok ? response.json() : { names: [] }))
    .then((json) => json.names)
    .catch(() => []);
  return names;
}

// As the build folds names: accents dropped, lowercase, anything but letters and digits a single space.
const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

// Edit distance with adjacent transpositions, as the build's "did you mean" hints measure it.
function distance(a, b) {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}

// The nearest term to `key` within a third of its length in edits (at most 4), as the build's hints allow;
// { exact } when `key` is a term already, or its singular or plural (Pagefind finds both alike); null when nothing is near.
function nearest(key, entries) {
  const limit = Math.min(4, Math.floor(key.length / 3));
  let found;
  for (const entry of entries) {
    for (const [term, text] of entry.terms) {
      if (term === key || term === `${key}s` || key === `${term}s`) return { exact: true };
      if (Math.abs(term.length - key.length) > limit) continue;
      const d = distance(key, term);
      if (d <= limit && (!found || d < found.d)) found = { d, text, entry };
    }
  }
  return found ?? null;
}

// The query with each misspelt name replaced, and the people and topics meant; null when nothing was misspelt.
function correction(query, entries) {
  const words = query.split(/\s+/).filter(Boolean);
  const out = [];
  const meant = [];
  for (let i = 0; i < words.length; ) {
    let step = 1;
    let replaced = null;
    // Longer runs first, so "Julian Asange" is one name, not two words.
    for (let n = Math.min(3, words.length - i); n >= 1; n--) {
      const key = fold(words.slice(i, i + n).join(" "));
      if (key.length < 4) continue;
      const match = nearest(key, entries);
      if (!match) continue;
      step = n;
      if (!match.exact) replaced = match;
      break;
    }
    out.push(replaced ? replaced.text : words.slice(i, i + step).join(" "));
    if (replaced && !meant.includes(replaced.entry)) meant.push(replaced.entry);
    i += step;
  }
  return meant.length ? { query: out.join(" "), meant } : null;
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

async function showSuggestion(query, params, isCurrent) {
  const found = query ? correction(query, await loadNames()) : null;
  if (!isCurrent()) return;
  if (!found) {
    suggestion.hidden = true;
    suggestion.replaceChildren();
    return;
  }
  const corrected = new URLSearchParams(params);
  corrected.set("q", found.query);
  const pages = found.meant.flatMap((entry, i) => [i ? ", " : "", link(entry.url, entry.kind === "person" ? entry.name : `the topic ${entry.name}`)]);
  suggestion.replaceChildren("Did you mean ", link(`?${corrected}`, found.query), "? See also the page on ", ...pages, ".");
  suggestion.hidden = false;
}

let current = 0;
let shown = { results: [], count: 0 };

function describe() {
  const { count, results } = shown;
  return count === 0
    ? "No articles found."
    : `${count} ${count === 1 ? "article" : "articles"} found${count > results.length ? `, showing the best ${results.length}` : ""}.`;
}

function showMoreButton() {
  const left = shown.count - shown.results.length;
  more.hidden = left <= 0;
  more.textContent = `Show ${Math.min(left, MAX_RESULTS)} more`;
}

async function run() {
  const id = ++current;
  const isCurrent = () => id === current;
  const data = new FormData(form);
  const query = String(data.get("q") ?? "").trim();
  const filters = {};
  for (const [field, filter] of Object.entries(FIELDS)) {
    const value = String(data.get(field) ?? "");
    if (value) filters[filter] = value;
  }
  const params = new URLSearchParams([...data].filter(([, v]) => v !== ""));
  history.replaceState(null, "", params.size ? `?${params}` : location.pathname);
  showSuggestion(query, params, isCurrent);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    shown = { results: [], count: 0 };
    more.hidden = true;
    return;
  }
  status.textContent = "Searching…";
  const search = await pagefind.search(query || null, { filters });
  const first = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (!isCurrent()) return;
  shown = { all: search.results, results: first, count: search.results.length };
  list.replaceChildren(...first.map(resultItem));
  status.textContent = describe();
  showMoreButton();
}

// The next results, appended; focus moves to the first of them so a keyboard reader goes on from there.
async function showMore() {
  const id = current;
  const { all, results } = shown;
  const next = await Promise.all(all.slice(results.length, results.length + MAX_RESULTS).map((r) => r.data()));
  if (id !== current || !next.length) return;
  const items = next.map(resultItem);
  list.append(...items);
  shown = { ...shown, results: [...results, ...next] };
  status.textContent = describe();
  showMoreButton();
  items[0].querySelector("a").focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
for (const select of form.querySelectorAll("select")) select.addEventListener("change", run);
more.addEventListener("click", showMore);

const initial = new URLSearchParams(location.search);
for (const [name, value] of initial) {
  const field = form.elements.namedItem(name);
  if (field && "value" in field) field.value = value;
}
if ([...initial].length) run();

import { html } from "../src/html.ts";
import { searchIndexPaths } from "../src/site/search-index.ts";
import { SEARCH_NAMES_PATH } from "../src/site/search-names.ts";
import { layout, type PageData } from "./_includes/layout.ts";


export function render(d: PageData): string {
  const { archive } = d;
  const base = archive.site.basePath;
  // A large archive's index comes in parts; the script merges the rest into the first.
  const more = searchIndexPaths(archive).slice(1);
  const option = (value: string) => html`<option value="${value}">${value}</option>`;
  // The form works without JavaScript only as far as it can: the note below points to the browsable pages.
  const body = html`<h1>Search</h1>
<form id="search-form" class="search-form" role="search" aria-label="Search with filters" action="${base}search/" method="get" data-bundle="${base}pagefind/" data-merge="${more.map((path) => `${base}${path}`).join(" ")}" data-base="${base}" data-names="${base}${SEARCH_NAMES_PATH}">
<p class="field"><label for="search-q">Words</label> <input id="search-q" name="q" type="search"></p>
<p class="field"><label for="search-topic">Topic</label> <select id="search-topic" name="topic"><option value="">Any topic</option>${archive.topics.map((t) => option(t.name))}</select></p>
<p class="field"><label for="search-person">Person</label> <select id="search-person" name="person"><option value="">Anyone</option>${archive.people.filter((p) => p.articles.length).map((p) => option(p.name))}</select></p>
<p class="field"><label for="search-year">Year</label> <select id="search-year" name="year"><option value="">Any year</option>${archive.years.map((y) => option(String(y.year)))}</select></p>
<p class="field"><button type="submit">Search</button></p>
</form>
<p id="search-status" class="search-status" role="status"></p>
<p id="search-suggest" class="search-suggest" role="status" hidden></p>
<ol id="search-results" class="entries"></ol>
<p class="search-more"><button type="button" id="search-more" hidden>Show more</button></p>
<div id="search-fallback" class="note">
<p>Searching needs JavaScript. Every article can also be found on the <a href="${base}timeline/">timeline</a>, by <a href="${base}topics/">topic</a>, by <a href="${base}people/">person</a> or <a href="${base}archive/">by date</a>.</p>
</div>`;
  return layout(d, { title: "Search", description: "Search every article of the case.", section: "search", body, scripts: ["assets/search.js"] });
}

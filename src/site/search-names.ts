import { nameKey } from "../registry.ts";
import type { Archive } from "../types.ts";

/** Where the search page finds the names, under the site's base path. */
export const SEARCH_NAMES_PATH = "search/names.json";

/** One registry entry a searcher may have meant: its name, its page, and the terms it answers to. */
export interface SearchName {
  name: string;
  /** The person's or topic's page, base path included. */
  url: string;
  kind: "person" | "topic";
  /** `[key, text]`: the key folded as registry.ts folds names ("lenin moreno"), and the term as the registry writes it. */
  terms: [string, string][];
}

/**
 * The names the search page offers "Did you mean …?" for, as JSON: every person (name and aliases) and every
 * topic (name). Keys are folded here, once, so the browser only folds the query and measures edit distance.
 */
export function searchNamesJson(archive: Archive): string {
  const entry = (name: string, url: string, kind: SearchName["kind"], texts: string[]): SearchName => {
    const terms = new Map<string, string>();
    for (const text of texts) if (!terms.has(nameKey(text))) terms.set(nameKey(text), text);
    return { name, url, kind, terms: [...terms] };
  };
  const names = [
    ...archive.people.map((p) => entry(p.name, p.url, "person", [p.name, ...p.aliases])),
    ...archive.topics.map((t) => entry(t.name, t.url, "topic", [t.name])),
  ];
  return `${JSON.stringify({ names })}\n`;
}

import { slugify } from "./slug.ts";
import type { Author, Person, Topic } from "./types.ts";

/** Folds case, accents and punctuation so "Lenin Moreno", "lenín-moreno" and "Lenín Moreno" meet. */
export function nameKey(text: string): string {
  return slugify(text).replace(/-/g, " ");
}

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate closest to `input` (compared by nameKey), or undefined when none is near enough
 * to be a likely typo: at most a third of the input's length in edits, and never more than 4.
 */
export function closest<T>(input: string, candidates: Iterable<T>, keysOf: (c: T) => string[]): T | undefined {
  const key = nameKey(input);
  const limit = Math.min(4, Math.max(1, Math.floor(key.length / 3)));
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    for (const k of keysOf(candidate)) {
      const d = editDistance(key, nameKey(k));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Looks up an entry by id, name or alias (any case, with or without accents). */
export class Registry<T extends { id: string; name: string }> {
  private readonly byKey = new Map<string, T>();

  constructor(
    readonly entries: readonly T[],
    private readonly keysOf: (entry: T) => string[],
  ) {
    for (const entry of entries) {
      for (const key of keysOf(entry)) {
        if (!this.byKey.has(nameKey(key))) this.byKey.set(nameKey(key), entry);
      }
    }
  }

  /** The entry that `text` names, or undefined. */
  find(text: string): T | undefined {
    return this.byKey.get(nameKey(text));
  }

  /** The entry `text` most likely meant to name, for "did you mean" hints. */
  suggest(text: string): T | undefined {
    return closest(text, this.entries, this.keysOf);
  }
}

/** Keys a topic answers to: its id and its name. */
export const topicKeys = (t: Pick<Topic, "id" | "name">): string[] => [t.id, t.name];

/** Keys a person answers to: id, name and every alias. */
export const personKeys = (p: Pick<Person, "id" | "name" | "aliases">): string[] => [p.id, p.name, ...p.aliases];

/** Keys an author answers to: id and name. */
export const authorKeys = (a: Pick<Author, "id" | "name">): string[] => [a.id, a.name];

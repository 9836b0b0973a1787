import type { Person } from "../types.ts";
import { escapeRegExp } from "../text.ts";

/** What mention-finding needs of a person: the names they go by in running text. */
export type Named = Pick<Person, "id" | "name" | "aliases">;

/** One place where a text names a registry person. */
export interface Mention<P extends Named = Named> {
  person: P;
  /** The words as written in the text, e.g. "Assange's" gives "Assange". */
  text: string;
  /** Offset of the first character in the text. */
  index: number;
}

// A name must stand alone: no letter or digit may touch it on either side.
const BEFORE = "(?<![\\p{L}\\p{N}])";
const AFTER = "(?![\\p{L}\\p{N}])";

/**
 * Every place `text` names a person by their name or one of their aliases (never their id), in text order.
 * Matches are whole words; accents are optional ("Lenin" finds "Lenín"). A one-word form ("Assange", "Ny")
 * must match case and all, so "Ny" never matches "NY"; a longer form ignores case ("The WikiLeaks founder").
 * Where forms overlap, the longest wins: "Stella Assange" is Stella, not a second mention of "Assange".
 */
export function findMentions<P extends Named>(text: string, people: readonly P[]): Mention<P>[] {
  const { folded, origin } = fold(text);
  const at = (i: number) => (origin ? origin[i]! : i);
  const found: { start: number; end: number; person: P }[] = [];
  for (const { regex, owners, key } of matcherFor(people)) {
    for (const m of folded.matchAll(regex)) {
      const person = owners.get(key(m[0]));
      if (person) found.push({ start: m.index, end: m.index + m[0].length, person });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: Mention<P>[] = [];
  let reached = 0;
  for (const f of found) {
    if (f.start < reached) continue;
    const index = at(f.start);
    mentions.push({ person: f.person, text: text.slice(index, at(f.end)), index });
    reached = f.end;
  }
  return mentions;
}

interface Matcher<P> {
  regex: RegExp;
  owners: Map<string, P>;
  key: (match: string) => string;
}

const matchers = new WeakMap<readonly Named[], Matcher<Named>[]>();

/**
 * Two regular expressions for a registry, built once: every one-word form (case-sensitive) and every longer
 * form (any case), longest first, so a text is scanned twice rather than once per person and form.
 */
function matcherFor<P extends Named>(people: readonly P[]): Matcher<P>[] {
  const cached = matchers.get(people);
  if (cached) return cached as Matcher<P>[];
  const single = new Map<string, P>();
  const multi = new Map<string, P>();
  for (const person of people) {
    for (const form of new Set([person.name, ...person.aliases])) {
      const words = fold(form).folded.trim().split(/\s+/).filter(Boolean);
      if (words.length === 1) {
        if (!single.has(words[0]!)) single.set(words[0]!, person);
      } else if (words.length > 1) {
        const key = words.join(" ").toLowerCase();
        if (!multi.has(key)) multi.set(key, person);
      }
    }
  }
  const alternation = (keys: Iterable<string>) =>
    [...keys]
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
      .map((k) => k.split(" ").map((w) => escapeRegExp(w)).join("\\s+"))
      .join("|");
  const built: Matcher<P>[] = [];
  if (single.size) built.push({ regex: new RegExp(`${BEFORE}(?:${alternation(single.keys())})${AFTER}`, "gu"), owners: single, key: (m) => m });
  if (multi.size) {
    built.push({
      regex: new RegExp(`${BEFORE}(?:${alternation(multi.keys())})${AFTER}`, "giu"),
      owners: multi,
      key: (m) => m.replace(/\s+/g, " ").toLowerCase(),
    });
  }
  matchers.set(people, built);
  return built;
}

/** Each person `text` names, once, in the order of their first mention. */
export function firstMentions<P extends Named>(text: string, people: readonly P[]): Mention<P>[] {
  const seen = new Set<string>();
  return findMentions(text, people).filter((m) => {
    if (seen.has(m.person.id)) return false;
    seen.add(m.person.id);
    return true;
  });
}

/**
 * Drops accents (NFKD, then no combining marks) and keeps, for each character of the folded text,
 * the offset in the original it came from, so matches can be reported where the editor wrote them
 * (no table when nothing moved).
 */
function fold(text: string): { folded: string; origin: number[] | undefined } {
  // Text with nothing to decompose or strip (plain ASCII, typographic quotes) folds to itself, each character in place.
  if (!/[\u0300-\u036f]/.test(text) && text.normalize("NFKD") === text) {
    return { folded: text, origin: undefined };
  }
  let folded = "";
  const origin: number[] = [];
  let offset = 0;
  for (const char of text) {
    const plain = char.charCodeAt(0) < 0x80 ? char : char.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    for (let k = 0; k < plain.length; k++) origin.push(offset);
    folded += plain;
    offset += char.length;
  }
  origin.push(offset);
  return { folded, origin };
}

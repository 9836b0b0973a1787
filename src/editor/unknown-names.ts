import type { Mention } from "./mentions.ts";

/** A capitalised two-word name in a text that looks like a person's, with where it first appears. */
export interface UnknownName {
  text: string;
  index: number;
}

// Two capitalised words and no more: a longer run ("Crown Prosecution Service") is an institution or a place.
const PAIR = /(?<![\p{L}\p{N}'’.-])(?<!\p{Lu}\p{Ll}* )(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)(?![\p{L}\p{N}'’-])(?! \p{Lu})/gu;

// Before a name, these make it an institution or a title ("the High Court", "Britain's Home Secretary").
const ARTICLE_OR_POSSESSIVE = /(?:^|[^\p{L}])(?:the|a|an|\p{L}+['’]s)\s+$/iu;

// At the start of a sentence, paragraph, heading, list item or quote, a word is capitalised for that reason alone.
const SENTENCE_START = /(?:^|[.!?:;"“‘(#*>\-]|\n)\s*$/u;

// Titles, institution and place words, and calendar words: a pair with one of them is not a person's name.
const NOT_A_NAME = new Set(
  [
    "Mr Mrs Ms Miss Dr Sir Dame Lord Lady Judge Justice Magistrate President Prime Minister Secretary General",
    "Chief Colonel Captain Senator Governor King Queen Prince Princess Saint Pope Deputy Director Attorney",
    "Court Courts Department Office House Act Street Road Square Prison Embassy Ministry Parliament Police",
    "Army Navy Council Committee Commission Party Government University College Hospital Airport Station Hall",
    "Club Agency Bank Group Times Post News Press Service Division District State States Kingdom Union",
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July",
    "August September October November December",
    "New North South East West Northern Southern Eastern Western Fort Port Mount Lake San Santa Los Las El Le La Der Die",
  ]
    .join(" ")
    .split(" "),
);

/**
 * Capitalised two-word names in `text` that look like a person nobody has registered, each once, in order.
 * Deliberately conservative, so a hint is worth reading: the pair is not at the start of a sentence, not
 * after "the", "a" or a possessive, holds no title or institution word, is not part of a registered name
 * (`known`), and its second word is also used on its own elsewhere in the text, the way news copy names a
 * person in full once and by surname after that ("Jane Doe … Doe said").
 */
export function unknownNames(text: string, known: readonly Mention[]): UnknownName[] {
  const found = new Map<string, UnknownName>();
  for (const m of text.matchAll(PAIR)) {
    const [pair, first, second] = m as unknown as [string, string, string];
    const start = m.index;
    const end = start + pair.length;
    if (found.has(pair) || NOT_A_NAME.has(first) || NOT_A_NAME.has(second)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    if (SENTENCE_START.test(before) || ARTICLE_OR_POSSESSIVE.test(before)) continue;
    if (known.some((k) => k.index < end && k.index + k.text.length > start)) continue;
    if (!usedAlone(text, first, second)) continue;
    found.set(pair, { text: pair, index: start });
  }
  return [...found.values()];
}

/** True when `surname` appears somewhere in `text` without `first` right before it. */
function usedAlone(text: string, first: string, surname: string): boolean {
  const alone = new RegExp(`(?<![\\p{L}\\p{N}])(?<!${first} )${surname}(?![\\p{L}\\p{N}])`, "u");
  return alone.test(text);
}

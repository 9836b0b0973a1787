import { cardPng, type CardText } from "../src/media/cards.ts";
import type { Archive } from "../src/types.ts";

/** A social card (1200 × 630 PNG) with the words `src/site/share.ts` chose for its page, from the card cache when drawn before. */
export function render(archive: Archive, card: CardText): Buffer {
  return cardPng(card, archive.cacheDir);
}

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { loadArchive } from "../src/index.ts";
import { cardPng, drawCards } from "../src/media/cards.ts";
import { outputsOf } from "../templates/routes.ts";

/** What the social cards of one archive cost: drawn into an empty card cache, then found in it. */
export interface CardCost {
  cards: number;
  coldMs: number;
  /** The cache checked and every card read back, as a preview's first render or a build into a fresh folder does. */
  cachedMs: number;
}

/**
 * Measures the cards the route table lists for the archive in `contentDir` (every article without a photo, the
 * home page, the timeline, each topic and person): drawn cold with the build's own `drawCards` (sharp, several at once),
 * then with every card cached. A warm rebuild pays less than `cachedMs`: it carries unchanged cards over by key.
 */
export async function measureCards(contentDir: string, cwd: string): Promise<CardCost> {
  const { archive } = await loadArchive(contentDir, { cwd });
  if (!archive) throw new Error("the corpus did not load");
  const cards = outputsOf(archive).flatMap((o) => (o.card ? [o.card()] : []));
  const cache = mkdtempSync(join(os.tmpdir(), "casefile-bench-cards-"));
  try {
    let started = performance.now();
    await drawCards(cards, cache);
    const coldMs = performance.now() - started;
    started = performance.now();
    await drawCards(cards, cache);
    for (const card of cards) cardPng(card, cache);
    return { cards: cards.length, coldMs, cachedMs: performance.now() - started };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

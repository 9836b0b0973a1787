import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of social cards every test build of this run shares (see `lendCards` in tests/helpers.ts). */
    cardPool: string;
  }
}

/**
 * Vitest's global setup: one card pool for the whole run, removed at its end. Drawing a card costs about 25 ms,
 * over half of a cold build of a small archive, and the same fixtures are built again and again; a card is a pure
 * function of its words (tests/unit/media/cards.test.ts), so a build lent the pool's cards publishes what a build
 * with a warm card cache publishes.
 */
export default function setup(project: TestProject): () => void {
  const pool = mkdtempSync(join(tmpdir(), "casefile-card-pool-"));
  project.provide("cardPool", pool);
  return () => rmSync(pool, { recursive: true, force: true });
}

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of social cards every test build of this run shares (see `lendCards` in tests/helpers.ts). */
    cardPool: string;
    /** The folder of projects built once in this run and copied for each test (see `builtProject` in tests/helpers.ts). */
    builtProjects: string;
  }
}

/**
 * Vitest's global setup: what the test files of one run share, in a folder removed at the run's end.
 *
 * - A card pool. Drawing a card costs about 16 ms of a core, a large part of a cold build of a small archive, and the same
 *   fixtures are built again and again; a card is a pure function of its words (tests/unit/media/cards.test.ts),
 *   so a build lent the pool's cards publishes what a build with a warm card cache publishes.
 * - Projects with one good build behind them, which many tests start from: each is built once, whichever test
 *   file needs it first, and every test gets a copy of the whole project folder.
 */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), "casefile-test-run-"));
  for (const name of ["cards", "built"]) mkdirSync(join(root, name));
  project.provide("cardPool", join(root, "cards"));
  project.provide("builtProjects", join(root, "built"));
  return () => rmSync(root, { recursive: true, force: true });
}

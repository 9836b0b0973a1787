import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One pool of social cards for every test build of the run (see lendCards in tests/helpers.ts).
    globalSetup: ["tests/card-pool.ts"],
    // Build tests run the real build command, a second or two each on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // What a browser test waits for (a search loading Pagefind and its parts) can take seconds on a busy
    // machine: a poll gives up only after 30 s, so the suite stays steady under load.
    expect: { poll: { timeout: 30_000 } },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // What the test files of a run share: a pool of social cards and projects built once (tests/suite-setup.ts).
    globalSetup: ["tests/suite-setup.ts"],
    // Build tests run the real build command, a second or two each on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // What a browser test waits for (a search loading Pagefind and its parts) can take seconds on a busy
    // machine: a poll gives up only after 30 s, so the suite stays steady under load.
    expect: { poll: { timeout: 30_000 } },
  },
});

import { defineConfig } from "vitest/config";

// Test files that replace a module (vi.mock) another file loads: run each in a process of its own, so the mock
// reaches the modules it is meant for and no other file sees it.
const MOCKING = ["tests/unit/content/read.test.ts"];

export default defineConfig({
  test: {
    // Test files mostly wait: on a child build, on a preview, on Chromium. Vitest's default of one worker per core
    // less one runs them one at a time on a 2-core machine. Two keep both cores busy (a build or a browser is
    // itself several threads); three were no faster, and stretched each test more on a loaded machine.
    maxWorkers: 2,
    // Build tests run the real build command, a second or two each on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // What a browser test waits for (a search loading Pagefind and its parts) can take seconds on a busy
    // machine: a poll gives up only after 30 s, so the suite stays steady under load.
    expect: { poll: { timeout: 30_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: "casefile",
          include: ["tests/**/*.test.ts"],
          exclude: MOCKING,
          // What the test files of a run share: a pool of social cards and projects built once (tests/suite-setup.ts).
          globalSetup: ["tests/suite-setup.ts"],
          // A worker runs its test files one after another in one process, so each file does not load Node.js,
          // the pipeline's libraries and Chromium's driver again (about 2 s a file). Those that change the working
          // directory or the environment put them back.
          isolate: false,
        },
      },
      { extends: true, test: { name: "mocking", include: MOCKING } },
    ],
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Test files mostly wait: on a child build, on a preview, on Chromium. Vitest's default of one worker per core
    // less one runs them one at a time on a 2-core machine; three keep both cores busy while others wait.
    maxWorkers: 3,
    // A worker runs its test files one after another in one process, so each file does not load Node.js, the
    // pipeline's libraries and Chromium's driver again (about 2 s a file). No test mocks a module another file
    // loads, and those that change the working directory or the environment put it back.
    isolate: false,
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

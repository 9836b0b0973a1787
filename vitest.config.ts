import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Build tests run the real build command, a second or two each on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

// Test runner settings: several suites spawn the real `okr` process many times over, so tests get
// more than vitest's default 5 s. (Timing is never asserted: figures come from npm run bench.)
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

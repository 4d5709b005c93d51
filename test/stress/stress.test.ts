// The stress suite (npm run stress) in a short mode: generated MCP calls of every shape, two servers
// on one folder, two imports at once and killed check-ins end with nothing lost, duplicated or
// crashed (issue 15). The full run (10,000 calls) is `npm run stress`.

import { describe, expect, it } from "vitest";
import { clean, report, stress } from "../../src/stress/stress.js";

describe("npm run stress, short", () => {
  it("ends with 0 crashes, 0 non-JSON-RPC answers, 0 5xx, 0 lost, 0 duplicated", async () => {
    const counts = await stress({ calls: 600, importRows: 100, kills: 4, perClient: 5 }, () => undefined);
    expect(counts.calls).toBeGreaterThanOrEqual(600);
    expect(counts.acknowledged).toBeGreaterThan(100); // the check really checked something
    expect(clean(counts), report(counts)).toBe(true);
  }, 120_000);
});

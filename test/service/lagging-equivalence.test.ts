// The fast lagging path (running top-N over the in-memory index) must rank exactly like the naive
// path that rescans every check-in and fully evaluates every KR.

import { afterAll, describe, expect, it } from "vitest";
import { naiveLagging } from "../../src/bench/naive.js";
import { writeSyntheticWorkspace } from "../../src/bench/synthetic.js";
import { cleanup, importPath, openService, tempDir } from "../helpers.js";

afterAll(cleanup);

describe("lagging fast path", () => {
  it("matches the naive full scan for whole workspace and team, at dates before, during and after the cycle", async () => {
    const source = await tempDir();
    const { teams } = await writeSyntheticWorkspace(source, { keyResults: 600, checkInsPerKr: 8, teams: 5 });
    const svc = await openService(await tempDir());
    await importPath(svc, source);
    for (const asOf of ["2026-09-20", "2026-10-01", "2026-10-15", "2026-11-26", "2026-12-31", "2027-02-01"]) {
      // A running top N up to 64, one sort of every KR beyond (and with no limit: all 600).
      for (const limit of [1, 10, 64, 65, 600, undefined]) {
        const fast = (await svc.lagging(asOf, limit === undefined ? {} : { limit })).map((r) => r.ref);
        expect(fast, `${asOf} top ${limit}`).toEqual(await naiveLagging(svc.store, asOf, limit ?? 600));
      }
      const team = teams[2]!;
      expect((await svc.lagging(asOf, { team, limit: 25 })).map((r) => r.ref)).toEqual(await naiveLagging(svc.store, asOf, 25, team));
    }
    await svc.close();
  }, 60_000);
});

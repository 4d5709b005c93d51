// Writes in one process run one at a time, each planned on what the previous one left: concurrent
// creations get distinct refs, and concurrent check-ins all land.

import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, acmeService, cleanup } from "../helpers.js";

afterAll(cleanup);

describe("concurrent writes in one process", () => {
  it("gives eight objectives created at once eight refs, and four KRs added at once four", async () => {
    const svc = await acmeService();
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => svc.createObjective({ title: `Delight customer group ${i}`, team: "Product" }, AS_OF)));
    const refs = made.map((m) => m.objective.ref);
    expect(new Set(refs).size).toBe(8);
    expect(refs.sort()).toEqual(["O10", "O11", "O12", "O13", "O14", "O15", "O16", "O17"]);
    const krs = await Promise.all(Array.from({ length: 4 }, (_, i) => svc.addKeyResult({ objective: "O2", title: `Grow signal ${i} from 1 to 2`, start: 1, target: 2 }, AS_OF)));
    expect(krs.map((k) => k.ref).sort()).toEqual(["KR2.4", "KR2.5", "KR2.6", "KR2.7"]);
    // Stored once each: the workspace read back has each ref once.
    const stored = [...(await svc.ws()).objectives.values()].map((o) => o.ref);
    expect(stored.filter((r) => refs.includes(r)).length).toBe(8);
    // A refused write does not block the ones queued behind it.
    const [bad, good] = await Promise.allSettled([svc.checkIn({ kr: "KR99.9", value: 1 }, AS_OF), svc.checkIn({ kr: "KR2.1", value: 50, confidence: 3 }, AS_OF)]);
    expect(bad.status).toBe("rejected");
    expect(good.status).toBe("fulfilled");
    await svc.close();
  });
});

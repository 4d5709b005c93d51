// Records as columns in the snapshot cache's header (src/store/entity-columns.ts): every record
// comes back as the same JSON, fields in the same order, whatever its shape.

import { describe, expect, it } from "vitest";
import { decodeEntities, encodeEntities } from "../../src/store/entity-columns.js";
import { acmeService } from "../helpers.js";

const roundTrip = (rows: object[]) => decodeEntities<object>(JSON.parse(JSON.stringify(encodeEntities(rows))));

describe("entity columns", () => {
  it("gives back the acme workspace's objectives and key results as they were, in a smaller header", async () => {
    const service = await acmeService();
    try {
      const s = (await service.ws()).toSnapshot();
      for (const rows of [s.objectives, s.keyResults, s.cycles]) {
        expect(rows.length).toBeGreaterThan(0);
        expect(JSON.stringify(roundTrip(rows))).toBe(JSON.stringify(rows));
      }
    } finally {
      await service.close();
    }
  });

  it("keeps records of other shapes whole: another field order, a missing field, an undefined one", () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({ id: `k${i}`, kind: "metric", unit: i % 2 ? "%" : "units", due: null })),
      { kind: "metric", id: "reordered", unit: "%", due: null },
      { id: "missing", kind: "metric", unit: "%" },
      { id: "undefined", kind: "metric", unit: undefined, due: "2026-12-31" },
    ];
    const back = roundTrip(rows);
    expect(back.map((r) => JSON.stringify(r))).toEqual(rows.map((r) => JSON.stringify(r)));
    // The repeated values went into a dictionary: the header names each once.
    const header = JSON.stringify(encodeEntities(rows));
    expect(header.split('"metric"').length - 1).toBe(4); // the dictionary, and the three whole records
  });

  it("never shares one object between records (a nested value is kept per record)", () => {
    const tags = ["a"]; // one array in every record: a dictionary by identity would hold it once
    const rows = Array.from({ length: 6 }, () => ({ id: "x", tags }));
    const back = roundTrip(rows) as { tags: string[] }[];
    back[0]!.tags.push("b");
    expect(back[1]!.tags).toEqual(["a"]);
  });

  it("handles no records", () => {
    expect(roundTrip([])).toEqual([]);
  });
});

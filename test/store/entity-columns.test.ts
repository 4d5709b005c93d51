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

  it("reads field names from the file as names only: quotes, backslashes, code and __proto__ stay keys", () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    const names = ['a"b', "c\\d", '"}; globalThis.pwned = true; ({"', "line\u2028break", "__proto__", "ok"];
    const header = { keys: names, n: 2, cols: names.map((_, j) => [j, j * 10]), odd: [] };
    const rows = decodeEntities<Record<string, unknown>>(JSON.parse(JSON.stringify(header)));
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
    expect(rows.map((r) => Object.keys(r))).toEqual([names, names]);
    expect(rows[1]!["__proto__"]).toBe(40);
    expect(Object.getPrototypeOf(rows[1])).toBe(Object.prototype);
    // Without __proto__, the fast way: the same names and values.
    const plain = names.filter((n) => n !== "__proto__");
    const fast = decodeEntities<Record<string, unknown>>({ keys: plain, n: 1, cols: plain.map((_, j) => [j]), odd: [] });
    expect(Object.entries(fast[0]!)).toEqual(plain.map((n, j) => [n, j]));
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
  });
});

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OkrError } from "../../src/domain/errors.js";
import { checkInsCsv, okrsCsv } from "../../src/io/export-data.js";
import { AS_OF, FIXTURE, acmeService, cleanup, importPath, openService, tempDir, withoutAudit } from "../helpers.js";
import type { LanceStore } from "../../src/store/lance-store.js";

afterEach(cleanup);

const acme = acmeService;

describe("export", () => {
  it("JSON export → import into an empty directory → export gives the same JSON", async () => {
    const svc = await acme();
    const first = await svc.exportDocument();
    expect(first.objectives).toHaveLength(9);
    expect(first.objectives[0]).toMatchObject({ ref: "O1", team: "Company", owner: "Linh Tran", cycle: "2026-Q4", parentRef: null });
    expect(first.objectives[1]!.parentRef).toBe("O1");
    const kr13 = first.objectives[0]!.keyResults[2]!;
    expect(kr13).toMatchObject({ ref: "KR1.3", kind: "metric", direction: "decrease", unit: "%", start: 5, target: 3 });
    expect(kr13.checkIns[5]).toEqual({
      date: "2026-11-06",
      value: 4.8,
      confidence: 2,
      note: "Two enterprise logos churned after the pricing change; win-back calls scheduled.",
      author: "Linh Tran",
    });
    const dir = await tempDir();
    const file = join(dir, "export.json");
    await writeFile(file, JSON.stringify(first));
    const other = await openService(await tempDir());
    await importPath(other, file);
    // The same, and the trail restored with one entry more: the import itself.
    const { audit, ...second } = await other.exportDocument();
    expect(second).toEqual(withoutAudit(first));
    expect(first.audit!.map((a) => a.action)).toEqual(["import"]);
    expect(audit!.slice(0, -1)).toEqual(first.audit);
    expect(audit!.at(-1)).toMatchObject({ action: "import", role: "admin", surface: "cli" });
    await svc.close();
    await other.close();
  });

  it("CSV export imports back to the same workspace and escapes formula cells", async () => {
    const svc = await acme();
    await svc.checkIn({ kr: "KR2.1", value: 55, confidence: 4, note: '=HYPERLINK("http://evil","click")', author: "@mallory" }, AS_OF);
    const doc = await svc.exportDocument();
    const dir = await tempDir();
    const checkins = checkInsCsv(doc);
    expect(checkins).toContain(`'=HYPERLINK(""http://evil"",""click"")`);
    expect(checkins).toContain(",'@mallory,");
    expect(checkins).not.toMatch(/,=HYPERLINK/);
    await writeFile(join(dir, "okrs.csv"), okrsCsv(doc));
    await writeFile(join(dir, "checkins.csv"), checkins);
    const other = await openService(await tempDir());
    await importPath(other, dir);
    // A spreadsheet has no trail: the import starts its own.
    const { audit, ...second } = await other.exportDocument();
    expect(second).toEqual(withoutAudit(doc));
    expect(audit!.map((a) => a.action)).toEqual(["import"]);
    await svc.close();
    await other.close();
  });
});

describe("search and resolve", () => {
  it("finds KRs by title words and by words in check-in notes", async () => {
    const svc = await acme();
    const retention = await svc.search("retention");
    expect(retention.map((h) => h.ref)).toEqual(expect.arrayContaining(["KR1.1", "KR2.1"]));
    const survey = await svc.search("churn survey");
    expect(survey[0]).toMatchObject({ ref: "KR1.3", kind: "check_in" });
    await svc.close();
  });
  it("finds Vietnamese text with or without diacritics", async () => {
    const svc = await acme();
    expect((await svc.search("khách hàng tiềm năng")).map((h) => h.ref)).toContain("KR8.3");
    expect((await svc.search("khach hang tiem nang")).map((h) => h.ref)).toContain("KR8.3");
    await svc.close();
  });
  it("resolves by ref, id or unique fragment and refuses an ambiguous one with candidates", async () => {
    const svc = await acme();
    const byRef = await svc.resolveKeyResult("kr2.1");
    expect(byRef.title).toBe("Raise 30-day retention from 45% to 60%");
    expect((await svc.resolveKeyResult(byRef.id)).ref).toBe("KR2.1");
    expect((await svc.resolveKeyResult("30-day retention")).ref).toBe("KR2.1");
    const err = await svc.resolveKeyResult("retention").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OkrError);
    expect((err as OkrError).code).toBe("ambiguous");
    expect((err as OkrError).candidates.map((c) => c.ref)).toEqual(["KR1.1", "KR2.1"]);
    expect((await svc.resolveObjective("landing page")).ref).toBe("O3");
    await svc.close();
  });
});

describe("check-ins", () => {
  it("appends a check-in and the numbers move at once", async () => {
    const svc = await acme();
    const before = (await svc.lagging(AS_OF)).find((r) => r.ref === "KR1.3")!;
    const r = await svc.checkIn({ kr: "KR1.3", value: 3.9, confidence: 4, note: "win-back worked", author: "Linh Tran" }, AS_OF);
    expect(r.before.progress).toBeCloseTo(before.progress, 4);
    expect(r.after.progress).toBeCloseTo((3.9 - 5) / (3 - 5), 4);
    expect(r.after.confidence).toBe(4);
    expect((await svc.lagging(AS_OF, { limit: 1 }))[0]!.ref).not.toBe("KR1.3");
    const detail = await svc.keyResult("KR1.3", AS_OF);
    expect(detail.checkIns.at(-1)).toEqual({ date: AS_OF, value: 3.9, confidence: 4, note: "win-back worked", author: "Linh Tran" });
    await svc.close();
  });
  it("keeps the previous confidence when none is given, and refuses bad input", async () => {
    const svc = await acme();
    const r = await svc.checkIn({ kr: "KR2.1", value: 56 }, AS_OF);
    expect(r.confidenceCarriedOver).toBe(true);
    expect(r.checkIn.confidence).toBe(4);
    await expect(svc.checkIn({ kr: "KR2.1", value: 56, confidence: 6 }, AS_OF)).rejects.toThrow(/confidence must be a whole number from 1/);
    await expect(svc.checkIn({ kr: "KR2.1", value: Number.NaN, confidence: 3 }, AS_OF)).rejects.toThrow(/value must be a number/);
    await expect(svc.checkIn({ kr: "KR2.1", value: 56, confidence: 3, date: "2027-01-15" }, AS_OF)).rejects.toThrow(/outside KR2.1's cycle 2026-Q4/);
    await expect(svc.checkIn({ kr: "retention", value: 56, confidence: 3 }, AS_OF)).rejects.toThrow(/matches 2 key results/);
    expect((await svc.store.checkIns()).length).toBe(194);
    await svc.close();
  });
  it("a second service on the same directory sees writes made by the first", async () => {
    const dir = await tempDir();
    const a = await openService(dir);
    await importPath(a, FIXTURE);
    const b = await openService(dir);
    expect((await b.keyResult("KR2.1", AS_OF)).current).toBe(53.4); // its last check-in in checkins.csv
    await a.checkIn({ kr: "KR2.1", value: 57, confidence: 4 }, AS_OF);
    expect((await b.keyResult("KR2.1", AS_OF)).current).toBe(57);
    await b.checkIn({ kr: "KR2.2", value: 4, confidence: 4 }, AS_OF);
    expect((await a.keyResult("KR2.2", AS_OF)).current).toBe(4);
    await a.close();
    await b.close();
  });
});

describe("lagging and tree", () => {
  it("filters by team (any case) and owner, honours the limit, and rejects unknown teams", async () => {
    const svc = await acme();
    const eng = await svc.lagging(AS_OF, { team: "engineering" });
    expect(new Set(eng.map((r) => r.team))).toEqual(new Set(["Engineering"]));
    expect(eng.map((r) => r.ref)).toEqual(expect.arrayContaining(["KR5.2", "KR4.3"]));
    expect((await svc.lagging(AS_OF, { owner: "bao le" })).every((r) => r.owner === "Bao Le")).toBe(true);
    expect(await svc.lagging(AS_OF, { limit: 3 })).toHaveLength(3);
    await expect(svc.lagging(AS_OF, { team: "Legal" })).rejects.toThrow(/No team named "Legal". Teams: Company, Customer Success, Engineering/);
    await expect(svc.lagging("2026-11-31")).rejects.toThrow(/as-of date "2026-11-31" is not a valid date/);
    await svc.close();
  });
  it("as of an earlier date only counts check-ins up to then", async () => {
    const svc = await acme();
    const kr = await svc.keyResult("KR1.1", "2026-10-20");
    expect(kr.current).toBe(103);
    expect(kr.checkIns.map((c) => c.date)).toEqual(["2026-10-02", "2026-10-09", "2026-10-16"]);
    expect(kr.forecast.method).toBe("least_squares");
    await svc.close();
  });
});

describe("compaction", () => {
  it("compacts the fragments that single check-ins create, without reloading the workspace", async () => {
    const { LanceStore } = await import("../../src/store/lance-store.js");
    const { OkrService } = await import("../../src/service/okr-service.js");
    const store = await LanceStore.open(await tempDir());
    let loads = 0;
    const load = store.load.bind(store);
    store.load = () => (loads++, load());
    const svc = new OkrService(store, () => new Date("2026-11-26T12:00:00Z"));
    await importPath(svc, FIXTURE);
    const loadsAfterImport = loads;
    for (let i = 0; i < 60; i++) await svc.checkIn({ kr: "KR2.1", value: 53 + i / 100, confidence: 4 }, AS_OF);
    await store.close(); // waits for a background compaction
    expect(loads).toBe(loadsAfterImport);
    const reopened = await LanceStore.open(store.dir);
    expect(await reopened.fragmentCount()).toBeLessThan(20);
    expect((await reopened.checkIns()).length).toBe(193 + 60);
    await reopened.close();
  }, 60_000);
});

describe("histories", () => {
  it("puts check-ins that come in any order in (date, written) order, equal ones as they came", async () => {
    const { Workspace } = await import("../../src/service/workspace.js");
    const kr = { id: "k", ref: "KR1.1", objectiveId: "o" } as never;
    const n = 20_000;
    // Descending dates (the order that made loading quadratic), then same-day check-ins written out of order.
    const days = [...Array.from({ length: n }, (_, i) => 30_000 - i), 5_000, 5_000, 5_000];
    const createdAt = [...Array.from({ length: n }, () => 1), 3, 2, 2];
    const values = days.map((_, i) => i);
    const ws = Workspace.fromSnapshot({
      version: 1,
      cycles: [{ id: "c", name: "Q", start: "2026-10-01", end: "2026-12-31" }],
      objectives: [{ id: "o", ref: "O1", cycleId: "c", team: "T" } as never],
      users: [],
      keyResults: [kr],
      checkIns: {
        krIds: days.map(() => "k"),
        days: Int32Array.from(days),
        values: Float64Array.from(values),
        confidences: Int32Array.from(days, () => 3),
        createdAt: Float64Array.from(createdAt),
      },
    });
    const h = ws.entry("k")!.history;
    expect(h.length).toBe(n + 3);
    expect(h.days.slice(0, 4)).toEqual([5_000, 5_000, 5_000, 30_000 - n + 1]);
    // Same day: written at 2 (values n+1, n+2 in the order given), then at 3.
    expect(h.values.slice(0, 3)).toEqual([n + 1, n + 2, n]);
    expect(h.days.at(-1)).toBe(30_000);
    expect(h.days.every((d, i) => i === 0 || h.days[i - 1]! <= d)).toBe(true);
  });
});

describe("an import applied to the workspace", () => {
  it("gives each KR the history a reload gives: runs of one KR, a KR split across the file, a KR that had check-ins", async () => {
    const { PendingCheckIns, Workspace } = await import("../../src/service/workspace.js");
    const base = {
      version: 1,
      cycles: [{ id: "c", name: "Q", start: "2026-10-01", end: "2026-12-31" }],
      objectives: [{ id: "o", ref: "O1", cycleId: "c", team: "T" } as never],
      users: [],
      keyResults: ["a", "b", "c", "d"].map((id, i) => ({ id, ref: `KR1.${i + 1}`, objectiveId: "o" }) as never),
    };
    const stored = { krId: ["a", "a"], date: ["2026-10-05", "2026-10-12"], value: [1, 2], confidence: [3, 3], at: [10, 11] };
    const ws = Workspace.fromSnapshot({
      ...base,
      checkIns: {
        krIds: stored.krId,
        days: Int32Array.from(stored.date, (d) => Date.parse(d) / 86_400_000),
        values: Float64Array.from(stored.value),
        confidences: Int32Array.from(stored.confidence),
        createdAt: Float64Array.from(stored.at),
      },
    });
    // b in descending dates, then a (which had two), c alone, b again further down the file, d.
    const rows = [
      ["b", "2026-10-20", 30],
      ["b", "2026-10-10", 20],
      ["b", "2026-10-03", 10],
      ["a", "2026-10-08", 5],
      ["a", "2026-10-30", 6],
      ["c", "2026-11-01", 7],
      ["b", "2026-10-10", 21],
      ["d", "2026-11-02", 8],
      ["d", "2026-11-03", 9],
    ] as const;
    const pending = new PendingCheckIns();
    pending.add(rows.slice(0, 4).map(([krId, date, value]) => ({ krId, date, value, confidence: 2 })));
    pending.add(rows.slice(4).map(([krId, date, value]) => ({ krId, date, value, confidence: 2 })));
    const stamps = Float64Array.from(rows, (_, i) => 100 + i);
    ws.applyCheckIns(pending, stamps);

    const all = [...stored.krId.map((k, i) => [k, stored.date[i]!, stored.value[i]!, stored.at[i]!] as const), ...rows.map(([k, d, v], i) => [k, d, v, 100 + i] as const)];
    const reloaded = Workspace.fromSnapshot({
      ...base,
      version: 2,
      checkIns: {
        krIds: all.map(([k]) => k),
        days: Int32Array.from(all, ([, d]) => Date.parse(d) / 86_400_000),
        values: Float64Array.from(all, ([, , v]) => v),
        confidences: Int32Array.from(all, ([k, , , at]) => (k === "a" && at < 100 ? 3 : 2)),
        createdAt: Float64Array.from(all, ([, , , at]) => at),
      },
    });
    const history = (w: typeof ws, id: string) => {
      const h = w.entry(id)!.history;
      return { days: Array.from(h.days), values: Array.from(h.values), confidences: Array.from(h.confidences), createdAt: Array.from(h.createdAt) };
    };
    for (const id of ["a", "b", "c", "d"]) expect(history(ws, id), id).toEqual(history(reloaded, id));
    expect(history(ws, "b").values).toEqual([10, 20, 21, 30]);
    expect(history(ws, "a").values).toEqual([1, 5, 2, 6]);
    // The applied histories still take new check-ins in order.
    ws.entry("d")!.history.insert(Date.parse("2026-11-01") / 86_400_000, 1, 1, 200);
    expect(history(ws, "d").values).toEqual([1, 8, 9]);
  });
});

describe("a history over shared columns", () => {
  it("reads in place what its arrays hold, before and after it changes", async () => {
    const { KrHistory } = await import("../../src/service/kr-history.js");
    const { latestIndexAtOrBefore } = await import("../../src/domain/metrics.js");
    // Rows 2..6 of the shared columns belong to this KR.
    const cols = {
      days: Int32Array.from([1, 2, 10, 12, 12, 20, 30, 3]),
      values: Float64Array.from([9, 9, 1, 2, 3, 4, 5, 9]),
      confidences: Int32Array.from([9, 9, 1, 2, 3, 4, 5, 9]),
      createdAt: Float64Array.from([0, 0, 1, 2, 3, 4, 5, 0]),
    };
    const h = KrHistory.view(cols, 2, 7);
    h.sort();
    const inPlace = (day: number) => {
      const i = h.latestAtOrBefore(day);
      return i < 0 ? null : [i, h.dayAt(i), h.valueAt(i), h.confidenceAt(i)];
    };
    const viaArrays = (day: number) => {
      const i = latestIndexAtOrBefore(h, day);
      return i < 0 ? null : [i, h.days[i], h.values[i], h.confidences[i]];
    };
    const days = [0, 9, 10, 11, 12, 19, 30, 99];
    const before = days.map(inPlace);
    expect(before).toEqual([null, null, [0, 10, 1, 1], [0, 10, 1, 1], [2, 12, 3, 3], [2, 12, 3, 3], [4, 30, 5, 5], [4, 30, 5, 5]]);
    expect(days.map(viaArrays)).toEqual(before);
    h.insert(11, 7, 2, 9);
    expect(cols.values[3]).toBe(2); // the shared columns are left as they were
    expect(days.map(inPlace)).toEqual(days.map(viaArrays));
    expect(inPlace(11)).toEqual([1, 11, 7, 2]);
    const out = { days: new Int32Array(7), values: new Float64Array(7), confidences: new Int32Array(7), createdAt: new Float64Array(7) };
    h.copyTo(out, 1);
    expect(Array.from(out.values)).toEqual([0, 1, 7, 2, 3, 4, 5]);
  });
});

describe("a workspace loaded from runs of check-ins", () => {
  it("answers lagging without building the per-row KR ids (a million strings at 40,000 KRs)", async () => {
    const { Workspace } = await import("../../src/service/workspace.js");
    const { lagging } = await import("../../src/service/views.js");
    const { parseDay } = await import("../../src/domain/dates.js");
    const krs = ["a", "b", "c"].map(
      (id, i) => ({ id, ref: `KR1.${i + 1}`, objectiveId: "o", kind: "metric", direction: "increase", start: 0, target: 100, title: id, owner: "x" }) as never,
    );
    let built = 0;
    const checkIns = {
      days: Int32Array.from([10, 20, 10, 20, 30, 5].map((d) => parseDay("2026-10-01") + d)),
      values: Float64Array.from([10, 20, 5, 6, 7, 90]),
      confidences: Int32Array.from([3, 3, 2, 2, 2, 4]),
      createdAt: Float64Array.from([1, 2, 3, 4, 5, 6]),
      runs: { ids: ["a", "b", "c"], ends: Int32Array.from([2, 5, 6]) },
      get krIds(): string[] {
        built++;
        return ["a", "a", "b", "b", "b", "c"];
      },
    };
    const ws = Workspace.fromSnapshot({
      version: 1,
      cycles: [{ id: "c", name: "Q", start: "2026-10-01", end: "2026-12-31" }],
      objectives: [{ id: "o", ref: "O1", cycleId: "c", team: "T" } as never],
      users: [],
      keyResults: krs,
      checkIns,
    });
    const rows = lagging(ws, parseDay("2026-11-15"), { limit: 2 });
    expect(rows.map((r) => [r.ref, r.current])).toEqual([
      ["KR1.2", 7],
      ["KR1.1", 20],
    ]);
    expect(built).toBe(0);
  });
});

describe("refs of a loaded workspace", () => {
  it("are found after a load, after a rename and after an added KR, the later of two equal refs winning as before", async () => {
    const { Workspace } = await import("../../src/service/workspace.js");
    const kr = (id: string, ref: string) => ({ id, ref, objectiveId: "o" }) as never;
    const empty = { krIds: [], days: new Int32Array(0), values: new Float64Array(0), confidences: new Int32Array(0), createdAt: new Float64Array(0) };
    const load = () =>
      Workspace.fromSnapshot({
        version: 1,
        cycles: [{ id: "c", name: "Q", start: "2026-10-01", end: "2026-12-31" }],
        objectives: [{ id: "o", ref: "O1", cycleId: "c", team: "T" } as never],
        users: [],
        keyResults: [kr("a", "KR1.1"), kr("b", "KR1.2"), kr("c", "KR1.2")],
        checkIns: empty,
      });
    const ws = load();
    expect(ws.objectiveByRef("o1")?.id).toBe("o");
    expect(ws.keyResultByRef(" kr1.1 ")?.id).toBe("a");
    expect(ws.keyResultByRef("KR1.2")?.id).toBe("c");
    // A write before any lookup: the index is made first, then changed by it.
    const renamed = load();
    renamed.apply({ keyResults: [kr("a", "KR1.9"), kr("d", "KR1.3")] }, 2, new Float64Array(0));
    expect(renamed.keyResultByRef("KR1.1")).toBeUndefined();
    expect(renamed.keyResultByRef("KR1.9")?.id).toBe("a");
    expect(renamed.keyResultByRef("KR1.3")?.id).toBe("d");
    expect(renamed.keyResultByRef("KR1.2")?.id).toBe("c");
  });
});

describe("a server's workspace", () => {
  it("has its indexes made as it starts, also when a request loaded the workspace before", async () => {
    const { Workspace } = await import("../../src/service/workspace.js");
    const svc = await acme();
    await svc.lagging(AS_OF); // loads it, as a server's check for users does before serving
    const made: unknown[] = [];
    const original = Workspace.prototype.indexAll;
    Workspace.prototype.indexAll = function (this: typeof Workspace.prototype) {
      made.push(this);
      original.call(this);
    };
    try {
      await svc.prepareForServing();
      expect(made).toHaveLength(1);
      // And each reload while serving (another process wrote) makes them again.
      const other = await openService((svc.store as LanceStore).dir);
      await other.checkIn({ kr: "KR1.1", value: 41, confidence: 3 }, AS_OF);
      await other.close();
      await svc.lagging(AS_OF);
      expect(made).toHaveLength(2);
      expect(made[1]).not.toBe(made[0]);
    } finally {
      Workspace.prototype.indexAll = original;
    }
    await svc.close();
  });
});

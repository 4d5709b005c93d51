import { afterEach, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, acmeService, cleanup, importPath, openService, tempDir } from "../helpers.js";

afterEach(cleanup);

describe("creating objectives and key results", () => {
  it("generates the next free refs, in the cycle containing today, and they survive a reload", async () => {
    const dir = await tempDir();
    const svc = await openService(dir);
    await importPath(svc, FIXTURE);
    const { objective: o } = await svc.createObjective({ title: "Make support feel instant", team: "Customer Success", owner: "Grace Okafor", parent: "O1" }, AS_OF);
    expect(o.ref).toBe("O10");
    const kr1 = await svc.addKeyResult({ objective: "O10", title: "Cut median first reply from 4 hours to 1 hour", unit: "hours", start: 4, target: 1 }, AS_OF);
    const kr2 = await svc.addKeyResult({ objective: "support feel instant", title: "Chat widget live on all plans", kind: "milestone" }, AS_OF);
    expect([kr1.ref, kr2.ref]).toEqual(["KR10.1", "KR10.2"]);
    expect(kr1.direction).toBe("decrease");
    expect(kr2).toMatchObject({ start: 0, target: 1, direction: "increase" });
    const again = await openService(dir);
    const tree = await again.tree(AS_OF, "Customer Success");
    const view = tree.find((x) => x.ref === "O10")!;
    expect(view).toMatchObject({ cycle: "2026-Q4", parentRef: "O1", owner: "Grace Okafor" });
    expect(view.keyResults.map((k) => k.ref)).toEqual(["KR10.1", "KR10.2"]);
    const third = await again.addKeyResult({ objective: "O10", title: "Raise CSAT for chats from 80 to 90", start: 80, target: 90 }, AS_OF);
    expect(third.ref).toBe("KR10.3");
    await svc.close();
    await again.close();
  });

  it("refuses bad input with a message that says how to fix it, and writes nothing", async () => {
    const svc = await openService(await tempDir());
    await expect(svc.createObjective({ title: "Delight users", team: "Product" }, AS_OF)).rejects.toThrow(/no cycle yet/);
    await svc.createCycle({ name: "2027-Q1", start: "2027-01-01", end: "2027-03-31" });
    await expect(svc.createCycle({ name: "2027-Q1", start: "2027-01-01", end: "2027-03-31" })).rejects.toThrow(/already exists/);
    await expect(svc.createObjective({ title: "  ", team: "Product" }, AS_OF)).rejects.toThrow(/needs a title/);
    const { objective: o } = await svc.createObjective({ title: "Delight users", team: "Product" }, AS_OF);
    expect(o.ref).toBe("O1");
    const version = await svc.store.version();
    await expect(svc.addKeyResult({ objective: "O1", title: "Raise NPS", start: 40 }, AS_OF)).rejects.toThrow(/needs a target/);
    await expect(svc.addKeyResult({ objective: "O1", title: "Raise NPS", start: 40, target: 30, direction: "increase" }, AS_OF)).rejects.toThrow(/use direction decrease/);
    await expect(svc.addKeyResult({ objective: "O1", title: "Raise NPS", start: 40, target: 50, due: "2026-12-01" }, AS_OF)).rejects.toThrow(/inside the cycle 2027-Q1/);
    await expect(svc.addKeyResult({ objective: "O9", title: "x", target: 1 }, AS_OF)).rejects.toThrow(/No objective matches "O9"/);
    expect(await svc.store.version()).toBe(version);
    await svc.close();
  });

  it("creates an objective with its key results in one commit, or nothing when one KR is bad", async () => {
    const svc = await openService(await tempDir());
    await importPath(svc, FIXTURE);
    const version = await svc.store.version();
    await expect(
      svc.createObjective({ title: "Win the mid-market", team: "Sales", keyResults: [{ title: "Close 20 deals", start: 0, target: 20 }, { title: "Raise ACV" }] }, AS_OF),
    ).rejects.toThrow(/Key result "Raise ACV" needs a target/);
    expect(await svc.store.version()).toBe(version);
    expect((await svc.tree(AS_OF)).map((o) => o.ref)).not.toContain("O10");
    const made = await svc.createObjective(
      {
        title: "Win the mid-market",
        team: "Sales",
        keyResults: [
          { title: "Close 20 deals", target: 20 },
          { title: "Raise ACV from 12k to 15k", start: 12000, target: 15000, unit: "USD" },
        ],
      },
      AS_OF,
    );
    expect(made.keyResults.map((k) => k.ref)).toEqual(["KR10.1", "KR10.2"]);
    expect((await svc.tree(AS_OF, "Sales"))[0]!.keyResults.map((k) => k.ref)).toEqual(["KR10.1", "KR10.2"]);
    await svc.close();
  });

  it("updates a KR as a new revision; the same update again changes nothing", async () => {
    const dir = await tempDir();
    const svc = await openService(dir);
    await importPath(svc, FIXTURE);
    const first = await svc.updateKeyResult("KR9.2", { target: 70, owner: "Ahmed Hassan" });
    expect(first.changed).toEqual(["target", "owner"]);
    const version = await svc.store.version();
    const again = await svc.updateKeyResult("KR9.2", { target: 70, owner: "Ahmed Hassan" });
    expect(again.changed).toEqual([]);
    expect(await svc.store.version()).toBe(version);
    const reopened = await openService(dir);
    const kr = await reopened.keyResult("KR9.2", AS_OF);
    expect(kr).toMatchObject({ target: 70, owner: "Ahmed Hassan" });
    expect(kr.progress).toBeCloseTo((52 - 48) / (70 - 48), 3);
    await expect(svc.updateKeyResult("KR9.2", { target: 40 })).rejects.toThrow(/the target must be above it/);
    await expect(svc.updateKeyResult("KR9.2", { due: "2027-03-01" })).rejects.toThrow(/due must be a date inside the cycle 2026-Q4/);
    await svc.close();
    await reopened.close();
  });
});

describe("a key result added mid-cycle", () => {
  it("starts its pace on the day it is added, so it is not behind the moment it exists; the start date can be edited", async () => {
    const svc = await acmeService();
    const kr = await svc.addKeyResult({ objective: "O2", title: "Raise weekly active teams from 120 to 200", start: 120, target: 200 }, AS_OF);
    expect(kr.startDate).toBe(AS_OF);
    const row = (await svc.tree(AS_OF, "Product")).flatMap((o) => o.keyResults).find((k) => k.ref === kr.ref)!;
    expect(row).toMatchObject({ expected: 0, gap: 0, status: "on_track" });
    const top = await svc.lagging(AS_OF, { limit: 5 });
    expect(top.map((r) => r.ref)).not.toContain(kr.ref);
    // Counting from the cycle start instead (start date cleared) puts it far behind.
    await svc.updateKeyResult(kr.ref, { startDate: null });
    const cleared = await svc.keyResult(kr.ref, AS_OF);
    expect(cleared.expected).toBeCloseTo(56 / 91, 4);
    expect(cleared.status).toBe("off_track");
    await svc.updateKeyResult(kr.ref, { startDate: "2026-11-01" });
    expect((await svc.keyResult(kr.ref, AS_OF)).expected).toBeCloseTo(25 / 60, 4);
    await expect(svc.updateKeyResult(kr.ref, { startDate: "2027-01-05" })).rejects.toThrow(/inside the cycle 2026-Q4/);
    await svc.close();
  });

  it("keeps the cycle start for KRs created before the cycle begins, and takes an explicit start date", async () => {
    const svc = await acmeService();
    const early = await svc.addKeyResult({ objective: "O2", title: "Lift activation from 30% to 40%", start: 30, target: 40 }, "2026-09-20");
    expect(early.startDate).toBeNull();
    const given = await svc.addKeyResult({ objective: "O2", title: "Lift activation from 40% to 50%", start: 40, target: 50, startDate: "2026-11-15" }, AS_OF);
    expect(given.startDate).toBe("2026-11-15");
    await expect(svc.addKeyResult({ objective: "O2", title: "x from 1 to 2", start: 1, target: 2, startDate: "2026-12-31" }, AS_OF)).rejects.toThrow(/before the cycle end/);
    await svc.close();
  });
});

describe("start dates in spreadsheets", () => {
  it("reads an optional start_date column, exports it, and keeps a stored one when the column is absent", async () => {
    const { readFile, writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { fixtureCopy } = await import("../helpers.js");
    const dir = await fixtureCopy();
    // The fixture has CRLF line ends, like a spreadsheet's export.
    const csv = (await readFile(join(dir, "okrs.csv"), "utf8")).split("\r\n");
    const withCol = [
      csv[0] + ",start_date",
      ...csv
        .slice(1)
        .filter(Boolean)
        .map((l) => l + (l.includes(",KR2.1,") ? ",2026-11-01" : ",")),
    ].join("\r\n");
    await writeFile(join(dir, "okrs.csv"), withCol);
    const svc = await openService(await tempDir());
    await importPath(svc, dir);
    expect((await svc.resolveKeyResult("KR2.1")).startDate).toBe("2026-11-01");
    expect((await svc.resolveKeyResult("KR2.2")).startDate).toBeNull();
    expect((await svc.keyResult("KR2.1", AS_OF)).expected).toBeCloseTo(25 / 60, 4);
    // The original files (no start_date column) re-imported leave the stored start date alone.
    const again = await importPath(svc, FIXTURE);
    expect(again.keyResults.updated).toBe(0);
    expect((await svc.resolveKeyResult("KR2.1")).startDate).toBe("2026-11-01");
    const { okrsCsv } = await import("../../src/io/export-data.js");
    expect(okrsCsv(await svc.exportDocument())).toMatch(/start_date/);
    await svc.close();
  });
});

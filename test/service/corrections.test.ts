// Corrections: a wrong check-in is fixed or retracted by a record that supersedes it; every number
// reads the corrected history, the original stays in history and in the JSON export.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AS_OF, acmeService, cleanup, importPath, openService, tempDir, withoutAudit } from "../helpers.js";

afterEach(cleanup);

describe("correcting and retracting check-ins", () => {
  it("corrects the KR's last check-in: numbers change, the original stays, and a reload agrees", async () => {
    const svc = await acmeService();
    const dir = (svc.store as unknown as { dir: string }).dir;
    await svc.checkIn({ kr: "KR2.1", value: 5.5, confidence: 4, note: "typo" }, AS_OF);
    const wrong = await svc.keyResult("KR2.1", AS_OF);
    expect(wrong.current).toBe(5.5);
    const r = await svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 55, author: "Minh" }, AS_OF);
    expect(r.checkIn).toMatchObject({ date: AS_OF, value: 5.5, confidence: 4 });
    expect(r.corrected).toEqual({ date: AS_OF, value: 55, confidence: 4, note: "typo" });
    expect(r.before.current).toBe(5.5);
    expect(r.after.current).toBe(55);
    const now = await svc.keyResult("KR2.1", AS_OF);
    expect(now.current).toBe(55);
    expect(now.checkIns.filter((c) => c.date === AS_OF).map((c) => c.value)).toEqual([55]);
    // As written, both records are there.
    const kr = await svc.resolveKeyResult("KR2.1");
    expect((await svc.store.checkInsAsWritten([kr.id])).some((c) => c.value === 5.5)).toBe(true);
    expect(await svc.store.corrections([kr.id])).toHaveLength(1);
    // Another process reading the directory sees the corrected numbers too.
    const fresh = await openService(dir);
    expect((await fresh.keyResult("KR2.1", AS_OF)).current).toBe(55);
    const lagging = await fresh.lagging(AS_OF, { limit: 30 });
    expect(lagging.find((x) => x.ref === "KR2.1")?.current ?? 55).toBe(55);
    await fresh.close();
    await svc.close();
  });

  it("retracts the check-in written last in the workspace when no KR is named", async () => {
    const svc = await acmeService();
    const before = await svc.keyResult("KR9.2", AS_OF);
    await svc.checkIn({ kr: "KR4.1", value: 61, confidence: 3 }, AS_OF);
    await svc.checkIn({ kr: "KR9.2", value: 64, confidence: 4 }, AS_OF);
    expect((await svc.keyResult("KR9.2", AS_OF)).current).toBe(64);
    const r = await svc.correctCheckIn({ action: "retract" }, AS_OF);
    expect(r.keyResult.ref).toBe("KR9.2");
    expect(r.corrected).toBeNull();
    expect((await svc.keyResult("KR9.2", AS_OF)).current).toBe(before.current);
    // The next "undo" takes the one before it, on another KR.
    const again = await svc.correctCheckIn({ action: "retract" }, AS_OF);
    expect(again.keyResult.ref).toBe("KR4.1");
    expect(again.checkIn.value).toBe(61);
    await svc.close();
  });

  it("only counts the caller's own check-ins when asked to", async () => {
    const svc = await acmeService();
    await svc.checkIn({ kr: "KR4.1", value: 61, confidence: 3, author: "Priya Raman" }, AS_OF);
    await svc.checkIn({ kr: "KR9.2", value: 64, confidence: 4, author: "Grace Okafor" }, AS_OF);
    const r = await svc.correctCheckIn({ action: "retract", onlyBy: "priya raman", author: "Priya Raman" }, AS_OF);
    expect(r.keyResult.ref).toBe("KR4.1");
    expect((await svc.keyResult("KR9.2", AS_OF)).current).toBe(64);
    await svc.close();
  });

  it("can move a check-in to another date and change its confidence", async () => {
    const svc = await acmeService();
    await svc.checkIn({ kr: "KR8.2", value: 33, confidence: 4 }, AS_OF);
    const r = await svc.correctCheckIn({ kr: "KR8.2", action: "correct", date: "2026-11-24", confidence: 2 }, AS_OF);
    expect(r.corrected).toMatchObject({ date: "2026-11-24", value: 33, confidence: 2 });
    const d = await svc.keyResult("KR8.2", AS_OF);
    expect(d.confidence).toBe(2);
    expect(d.checkIns.find((c) => c.value === 33)?.date).toBe("2026-11-24");
    await svc.close();
  });

  it("refuses corrections that change nothing or break the rules, and writes nothing", async () => {
    const svc = await acmeService();
    await svc.checkIn({ kr: "KR2.1", value: 54, confidence: 4 }, AS_OF);
    const version = await svc.store.version();
    await expect(svc.correctCheckIn({ kr: "KR2.1", action: "correct" }, AS_OF)).rejects.toThrow(/Say what the check-in should have said/);
    await expect(svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 54 }, AS_OF)).rejects.toThrow(/already says that/);
    await expect(svc.correctCheckIn({ kr: "KR2.1", action: "correct", confidence: 7 }, AS_OF)).rejects.toThrow(/confidence must be a whole number from 1/);
    await expect(svc.correctCheckIn({ kr: "KR2.1", action: "correct", date: "2027-02-01" }, AS_OF)).rejects.toThrow(/outside KR2.1's cycle/);
    await expect(svc.correctCheckIn({ kr: "KR2.1", action: "correct", checkInId: "nope", value: 1 }, AS_OF)).rejects.toThrow(/No check-in nope/);
    expect(await svc.store.version()).toBe(version);
    await svc.close();
  });

  it("keeps corrections in the JSON export, which imports back to the same numbers and the same JSON", async () => {
    const svc = await acmeService();
    await svc.checkIn({ kr: "KR2.1", value: 5.4, confidence: 4 }, AS_OF);
    await svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 54 }, AS_OF);
    await svc.checkIn({ kr: "KR9.2", value: 99, confidence: 4 }, AS_OF);
    await svc.correctCheckIn({ kr: "KR9.2", action: "retract" }, AS_OF);
    const doc = await svc.exportDocument();
    const kr21 = doc.objectives.flatMap((o) => o.keyResults).find((k) => k.ref === "KR2.1")!;
    expect(kr21.checkIns.find((c) => c.value === 5.4)?.corrections).toEqual([{ action: "correct", value: 54, reason: "", author: "" }]);
    const file = join(await tempDir(), "backup.json");
    await writeFile(file, JSON.stringify(doc));
    const restored = await openService(await tempDir());
    const summary = await importPath(restored, file);
    expect(summary.corrections.added).toBe(2);
    expect((await restored.keyResult("KR2.1", AS_OF)).current).toBe(54);
    expect((await restored.keyResult("KR9.2", AS_OF)).current).toBe((await svc.keyResult("KR9.2", AS_OF)).current);
    const restoredDoc = await restored.exportDocument();
    expect(withoutAudit(restoredDoc)).toEqual(withoutAudit(doc));
    // The trail comes along, with the restore's own import after it.
    expect(restoredDoc.audit!.slice(0, -1)).toEqual(doc.audit);
    expect(restoredDoc.audit!.at(-1)!.action).toBe("import");
    // Re-importing the same file adds nothing, corrections included.
    const again = await importPath(restored, file);
    expect(again.checkIns.added + again.corrections.added).toBe(0);
    await restored.close();
    await svc.close();
  });

  it("does not bring a corrected or retracted value back when the same spreadsheet is imported again", async () => {
    const dir = await tempDir();
    const svc = await openService(dir);
    const { FIXTURE } = await import("../helpers.js");
    await importPath(svc, FIXTURE);
    const kr = await svc.resolveKeyResult("KR1.3");
    await svc.correctCheckIn({ kr: "KR1.3", action: "correct", value: 4.7 }, AS_OF);
    await svc.correctCheckIn({ kr: "KR9.2", action: "retract" }, AS_OF);
    const summary = await importPath(svc, FIXTURE);
    expect(summary.checkIns.added).toBe(0);
    expect((await svc.keyResult("KR1.3", AS_OF)).current).toBe(4.7);
    expect((await svc.store.checkIns([kr.id])).some((c) => c.correctedFrom?.value === 4.9)).toBe(true);
    await svc.close();
  });
});

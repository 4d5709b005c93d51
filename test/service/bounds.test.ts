// Numbers with sane bounds (issue 15 #4): 1e308 used to be stored, and every read of that KR then
// failed on Infinity. Every way in refuses a non-finite number or one beyond ±10^15, and writes nothing.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OkrError } from "../../src/domain/errors.js";
import { AS_OF, acmeService, cleanup, fixtureCopy, importPath, okrErrorOf, openService, tempDir } from "../helpers.js";

afterEach(cleanup);

const refused = async (p: Promise<unknown>) => (await okrErrorOf(p)).message;

describe("value bounds", () => {
  it("refuses absurd values in check-ins, corrections, new KRs and target changes, and stores nothing", async () => {
    const svc = await acmeService();
    const version = await svc.store.version();
    const range = /out of range: numbers up to ±1,000,000,000,000,000 \(10\^15\) are accepted/;
    expect(await refused(svc.checkIn({ kr: "KR2.1", value: 1e308, confidence: 3 }, AS_OF))).toMatch(range);
    expect(await refused(svc.checkIn({ kr: "KR2.1", value: -2e15, confidence: 3 }, AS_OF))).toMatch(range);
    expect(await refused(svc.checkIn({ kr: "KR2.1", value: Infinity, confidence: 3 }, AS_OF))).toBe("value must be a number, e.g. 52 or 1200000");
    expect(await refused(svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 1e308 }, AS_OF))).toMatch(range);
    expect(await refused(svc.addKeyResult({ objective: "O2", title: "Reach a huge number", start: 0, target: 1e308 }, AS_OF))).toMatch(/^target 1e\+308 is out of range/);
    expect(await refused(svc.updateKeyResult("KR2.1", { target: 1e300 }))).toMatch(range);
    expect(await svc.store.version()).toBe(version);
    // A large but real number is fine: revenue in đồng.
    await svc.checkIn({ kr: "KR2.1", value: 999_000_000_000_000, confidence: 3 }, AS_OF);
    expect((await svc.keyResult("KR2.1", AS_OF)).current).toBe(999_000_000_000_000);
    await svc.close();
  });

  it("still reads a KR that holds such a number from before the bounds", async () => {
    const svc = await acmeService();
    const kr = (await svc.ws()).keyResultByRef("KR2.1")!;
    // Written around the service's checks, as an older version stored it.
    await svc.store.commit({ checkIns: [{ id: "legacy", krId: kr.id, date: AS_OF, value: 1e308, confidence: 3, note: "", author: "", createdAt: new Date().toISOString() }] });
    const { connectedClient } = await import("../mcp/helpers.js");
    const c = await connectedClient({ service: svc });
    const r = await c.call("get_key_result", { keyResult: "KR2.1" });
    expect(r.isError ?? false).toBe(false);
    // No trend can be fitted through 1e308: the forecast stays where the KR stands.
    expect((r.structuredContent as { forecast: { projectedValue: number } }).forecast.projectedValue).toBe(1e308);
    expect(JSON.stringify(r.structuredContent)).not.toMatch(/NaN|Infinity/);
    await c.close();
  });

  it("refuses them in a CSV and in a JSON export, by line and path, writing nothing", async () => {
    const dir = await fixtureCopy();
    await writeFile(join(dir, "checkins.csv"), "kr_ref,date,value,confidence\nKR1.1,2026-11-02,1e16,3\nKR1.1,2026-11-03,1e999,3\n");
    const data = await tempDir();
    const svc = await openService(data);
    const e = await importPath(svc, dir).catch((x: OkrError) => x);
    expect(e).toBeInstanceOf(OkrError);
    expect((e as OkrError).details).toEqual([
      "checkins.csv:2: value 10000000000000000 is out of range: numbers up to ±1,000,000,000,000,000 (10^15) are accepted",
      'checkins.csv:3: value "1e999" is not a number',
    ]);
    expect(await svc.store.version()).toBe(0);
    const json = join(await tempDir(), "export.json");
    const source = await acmeService();
    const doc = await source.exportDocument();
    await source.close();
    doc.objectives[0]!.keyResults[0]!.checkIns[0]!.value = 1e308;
    await writeFile(json, JSON.stringify(doc));
    const j = await importPath(svc, json).catch((x: OkrError) => x);
    expect((j as OkrError).details.join("\n")).toMatch(/objectives\[0\]\.keyResults\[0\]\.checkIns\[0\]\.value.*must be within ±1e\+15/);
    expect(await svc.store.version()).toBe(0);
    await svc.close();
  });
});

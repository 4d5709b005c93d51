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
    // A large but real number is fine (revenue in đồng), once confirmed: on a percentage KR it is a slip.
    await svc.checkIn({ kr: "KR2.1", value: 999_000_000_000_000, confidence: 3, confirmed: true }, AS_OF);
    expect((await svc.keyResult("KR2.1", AS_OF)).current).toBe(999_000_000_000_000);
    await svc.close();
  });

  it("asks for a confirmation before storing a value far outside anything the KR has been", async () => {
    const svc = await acmeService();
    const version = await svc.store.version();
    // KR2.1 runs from 45% to 60% and stands at 53.4%: 1e15 "silently completed" it before.
    const far = await okrErrorOf(svc.checkIn({ kr: "KR2.1", value: 1e15, confidence: 3 }, AS_OF));
    expect(far.message).toMatch(/^1,000,000,000,000,000% is 66,666,666,666,663× KR2\.1's whole range \(45% → 60%\) beyond anything it has been \(now 53\.4%\)/);
    expect(far.messageFor("cli")).toMatch(/run the command again with --confirm\.$/);
    expect(far.messageFor("mcp")).toMatch(/call again with confirm: true\.$/);
    // An extra zero: 534 for 53.4 is 32 ranges past the target.
    await okrErrorOf(svc.checkIn({ kr: "KR2.1", value: 534, confidence: 3 }, AS_OF));
    await okrErrorOf(svc.checkIn({ kr: "KR2.1", value: 534, confidence: 3 }, AS_OF, { dryRun: true }));
    expect(await svc.store.version()).toBe(version);
    // Overshooting, falling back to the start, or a little beyond: news, not slips.
    await svc.checkIn({ kr: "KR2.1", value: 75, confidence: 3 }, AS_OF);
    await svc.checkIn({ kr: "KR2.1", value: 30, confidence: 3 }, AS_OF);
    // Confirmed, it is stored; and putting it right afterwards needs no confirmation.
    await svc.checkIn({ kr: "KR2.1", value: 534, confidence: 3, confirmed: true }, AS_OF);
    expect((await svc.keyResult("KR2.1", AS_OF)).current).toBe(534);
    await svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 53.4 }, AS_OF);
    expect((await svc.keyResult("KR2.1", AS_OF)).current).toBe(53.4);
    // A correction to a far-off value is asked about the same way.
    await okrErrorOf(svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 5340 }, AS_OF));
    // Over MCP the confirmation is an argument of log_check_in and correct_check_in.
    const { connectedClient } = await import("../mcp/helpers.js");
    const c = await connectedClient({ service: svc });
    const asked = await c.call("log_check_in", { keyResult: "KR2.1", value: 5340, confidence: 3 });
    expect(asked.isError).toBe(true);
    expect((asked.content as { text: string }[])[0]!.text).toMatch(/call again with confirm: true\.$/);
    expect((await c.call("log_check_in", { keyResult: "KR2.1", value: 5340, confidence: 3, confirm: true })).isError ?? false).toBe(false);
    expect((await c.call("correct_check_in", { keyResult: "KR2.1", value: 53400 })).isError).toBe(true);
    expect((await c.call("correct_check_in", { keyResult: "KR2.1", value: 53400, confirm: true })).isError ?? false).toBe(false);
    expect((await svc.keyResult("KR2.1", AS_OF)).current).toBe(53400);
    await c.close();
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

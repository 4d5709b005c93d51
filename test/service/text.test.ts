// Text with sane bounds (issue 15 #8): control characters (NUL, ANSI escapes) are stripped and
// over-long text is refused, never cut, on every way in: check-ins, corrections, new and changed
// KRs and objectives, and imports.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AS_OF, acmeService, cleanup, fixtureCopy, importPath, okrErrorOf, openService, tempDir } from "../helpers.js";

afterEach(cleanup);

const refusal = (p: Promise<unknown>) => okrErrorOf(p);

describe("stored text", () => {
  it("strips control characters and refuses over-long text in check-ins, corrections and KRs", async () => {
    const svc = await acmeService();
    const r = await svc.checkIn({ kr: "KR2.1", value: 50, confidence: 3, note: "\u001b[31mred\u0000 alert\r\nsecond\tline", author: "Ann\u0007" }, AS_OF);
    expect(r.checkIn.note).toBe("[31mred alert\nsecond line");
    expect(r.checkIn.author).toBe("Ann");
    const version = await svc.store.version();
    expect((await refusal(svc.checkIn({ kr: "KR2.1", value: 51, confidence: 3, note: "x".repeat(4_001) }, AS_OF))).message).toBe(
      "The note is 4,001 characters long; at most 4,000 are accepted: shorten it",
    );
    expect((await refusal(svc.checkIn({ kr: "KR2.1", value: 51, confidence: 3, author: "a".repeat(900_000) }, AS_OF))).message).toMatch(/^The author is 900,000 characters long/);
    expect((await refusal(svc.correctCheckIn({ kr: "KR2.1", action: "correct", note: "n".repeat(5_000) }, AS_OF))).message).toMatch(/^The note is 5,000/);
    expect((await refusal(svc.addKeyResult({ objective: "O2", title: "T".repeat(301), start: 0, target: 1 }, AS_OF))).message).toMatch(/^The title is 301/);
    expect((await refusal(svc.updateKeyResult("KR2.1", { owner: "o".repeat(121) }))).message).toMatch(/^The owner is 121/);
    expect(await svc.store.version()).toBe(version);
    const kr = await svc.addKeyResult({ objective: "O2", title: "Ship\u0000 the\u001b new flow", owner: "Bao\u0000", start: 0, target: 1 }, AS_OF);
    expect([kr.title, kr.owner]).toEqual(["Ship the new flow", "Bao"]);
    await svc.close();
  });

  it("does the same in an import, naming the line", async () => {
    const dir = await fixtureCopy();
    await writeFile(
      join(dir, "checkins.csv"),
      `kr_ref,date,value,confidence,author,note\nKR1.1,2026-11-02,100,3,Linh,"${"long ".repeat(2_000)}"\nKR1.1,2026-11-03,101,3,Linh\u001b,"ok\u0000"\n`,
    );
    const svc = await openService(await tempDir());
    const e = await refusal(importPath(svc, dir)); // cells are trimmed: 9,999
    expect(e.details).toEqual(["checkins.csv:2: the note is 9,999 characters long; at most 4,000 are accepted: shorten it"]);
    expect(await svc.store.version()).toBe(0);
    await writeFile(join(dir, "checkins.csv"), `kr_ref,date,value,confidence,author,note\nKR1.1,2026-11-03,101,3,Linh\u001b,"ok\u0000"\n`);
    await importPath(svc, dir);
    const stored = (await svc.store.checkInsAsWritten()).filter((c) => c.date === "2026-11-03");
    expect(stored.map((c) => [c.author, c.note])).toEqual([["Linh", "ok"]]);
    // Importing the same file again still adds nothing.
    expect((await importPath(svc, dir)).checkIns).toEqual({ added: 0, skipped: 1 });
    await svc.close();
  });
});

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoWorkspace } from "../../src/demo/demo-workspace.js";
import { OkrError } from "../../src/domain/errors.js";
import { openImportSource, readImportSource } from "../../src/io/read-import.js";
import { AS_OF, FIXTURE, cleanup, fixtureCopy, importPath, listing, openService, tempDir } from "../helpers.js";

afterEach(cleanup);

async function expectImportError(p: Promise<unknown>): Promise<OkrError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OkrError);
    return e as OkrError;
  }
  throw new Error("import should have failed");
}

describe("import", () => {
  it("imports the acme fixture and re-importing adds nothing", async () => {
    const svc = await openService(await tempDir());
    const first = await importPath(svc, FIXTURE);
    expect(first.objectives.added).toBe(9);
    expect(first.keyResults.added).toBe(25);
    expect(first.checkIns.added).toBe(193);
    const version = await svc.store.version();
    const again = await importPath(svc, FIXTURE);
    expect(again.objectives).toEqual({ added: 0, updated: 0, unchanged: 9 });
    expect(again.keyResults).toEqual({ added: 0, updated: 0, unchanged: 25 });
    expect(again.checkIns).toEqual({ added: 0, skipped: 193 });
    expect(await svc.store.version()).toBe(version);
    expect((await svc.store.checkIns()).length).toBe(193);
    await svc.close();
  });

  it("keeps parent alignment, teams and Vietnamese text", async () => {
    const svc = await openService(await tempDir());
    await importPath(svc, FIXTURE);
    const tree = await svc.tree(AS_OF);
    const o8 = tree.find((o) => o.ref === "O8")!;
    expect(o8.team).toBe("Kinh doanh");
    expect(o8.parentRef).toBe("O1");
    expect(o8.keyResults.map((k) => k.title)).toContain("Giảm chu kỳ bán hàng trung bình từ 42 xuống 30 ngày");
    expect(tree.find((o) => o.ref === "O5")!.parentRef).toBe("O4");
    await svc.close();
  });

  it("tolerates reordered columns, extra columns, a BOM and CRLF line ends", async () => {
    const dir = await fixtureCopy();
    const text = await readFile(join(dir, "okrs.csv"), "utf8");
    const rows = text
      .trim()
      .split("\n")
      .map((l) => l);
    // Move the first column to the end and add an extra one: rebuild with a CSV-aware split.
    const { parseCsv, toCsv } = await import("../../src/io/csv.js");
    const parsed = parseCsv(text).records.map((r) => r.cells);
    const header = [...parsed[0]!.slice(1), parsed[0]![0]!, "comments"];
    const body = parsed.slice(1).map((r) => [...r.slice(1), r[0]!, "anything, really"]);
    await writeFile(join(dir, "okrs.csv"), "\uFEFF" + toCsv(header, body));
    expect(rows.length).toBe(26);
    const svc = await openService(await tempDir());
    const summary = await importPath(svc, dir);
    expect(summary.keyResults.added).toBe(25);
    expect((await svc.tree(AS_OF)).find((o) => o.ref === "O3")!.title).toBe("Increase conversion by 2% by optimizing the landing page");
    await svc.close();
  });

  it("fails a bad CSV with every problem by file and line, and writes nothing", async () => {
    const dir = await fixtureCopy();
    const lines = (await readFile(join(dir, "checkins.csv"), "utf8")).split("\n");
    lines[2] = "KR1.1,2026-10-09,abc,4,Linh Tran,"; // line 3: non-numeric value
    lines[4] = "KR1.1,2026-10-23,103.6,7,Linh Tran,"; // line 5: confidence out of range
    lines[6] = "KR9.9,2026-11-06,104.6,3,Linh Tran,"; // line 7: unknown KR
    lines[8] = "KR1.1,2026-13-40,105.8,3,Linh Tran,"; // line 9: bad date
    lines[10] = "KR1.2,2027-02-01,1230000,4,Linh Tran,"; // line 11: outside the cycle
    await writeFile(join(dir, "checkins.csv"), lines.join("\n"));
    const data = await tempDir();
    const svc = await openService(data);
    await importPath(svc, FIXTURE); // a workspace that must stay exactly as it is
    await svc.store.idle(); // the search index it builds in the background
    const before = await listing(data);
    const version = await svc.store.version();
    const err = await expectImportError(importPath(svc, dir));
    expect(err.code).toBe("invalid_input");
    expect(err.message).toMatch(/5 problems; nothing was written/);
    expect(err.details).toEqual([
      'checkins.csv:3: value "abc" is not a number',
      'checkins.csv:5: confidence "7" must be a whole number from 1 (no chance) to 5 (certain)',
      'checkins.csv:9: date "2026-13-40" is not a date (YYYY-MM-DD)',
      "checkins.csv:7: unknown key result KR9.9 (not in okrs.csv nor in the workspace)",
      "checkins.csv:11: date 2027-02-01 is outside KR1.2's cycle 2026-Q4 (2026-10-01 to 2026-12-31)",
    ]);
    expect(await svc.store.version()).toBe(version);
    expect(await listing(data)).toEqual(before);
    await svc.close();
  });

  it("reports a missing column and a bad okrs row, and leaves an empty directory empty", async () => {
    const dir = await fixtureCopy();
    const okrs = (await readFile(join(dir, "okrs.csv"), "utf8")).split("\n");
    okrs[3] = okrs[3]!.replace(",metric,decrease,%,5,3", ",metric,sideways,%,five,3"); // line 4
    await writeFile(join(dir, "okrs.csv"), okrs.join("\n"));
    const ci = (await readFile(join(dir, "checkins.csv"), "utf8")).replace(/^kr_ref,date,value,confidence/, "kr_ref,day,value,confidence");
    await writeFile(join(dir, "checkins.csv"), ci);
    const data = await tempDir();
    const svc = await openService(data);
    const err = await expectImportError(importPath(svc, dir));
    expect(err.details).toEqual([
      'okrs.csv:4: direction "sideways" must be one of increase, decrease, stay_above, stay_below',
      'okrs.csv:4: start_value "five" is not a number',
      "checkins.csv:1: missing column date (the header must name: kr_ref, date, value, confidence)",
    ]);
    expect(await listing(data)).toEqual([]);
    await svc.close();
  });

  it("refuses conflicting objective rows and unknown parents", async () => {
    const dir = await tempDir();
    const header =
      "cycle,cycle_start,cycle_end,team,objective_ref,objective,objective_owner,parent_objective_ref,kr_ref,key_result,kr_owner,kr_type,direction,unit,start_value,target_value";
    await writeFile(
      join(dir, "okrs.csv"),
      [
        header,
        "Q,2026-10-01,2026-12-31,T,O1,Delight users,Ann,O7,KR1.1,Raise NPS from 40 to 50,Ann,metric,increase,NPS,40,50",
        "Q,2026-10-01,2026-12-31,T,O1,Delight customers,Ann,O7,KR1.2,Cut churn from 5 to 3,Ann,metric,decrease,%,5,3",
        "Q,2026-10-01,2026-12-31,T,O2,Be fast,Bo,,KR1.2,Dup ref,Bo,metric,increase,ms,1,2",
      ].join("\n"),
    );
    const svc = await openService(await tempDir());
    const err = await expectImportError(importPath(svc, join(dir, "okrs.csv")));
    expect(err.details).toEqual([
      "okrs.csv:3: objective O1 has different title, team, owner, cycle or parent than on line 2",
      "okrs.csv:4: key result KR1.2 already appears on line 3",
      "okrs.csv:2: parent objective O7 is not in the import or the workspace",
    ]);
    await svc.close();
  });

  it("a changed row updates the KR as a new revision instead of duplicating it", async () => {
    const dir = await fixtureCopy();
    const svc = await openService(await tempDir());
    await importPath(svc, dir);
    const okrs = (await readFile(join(dir, "okrs.csv"), "utf8")).replace(
      "Raise NPS from 48 to 65,Grace Okafor,metric,increase,NPS,48,65",
      "Raise NPS from 48 to 70,Grace Okafor,metric,increase,NPS,48,70",
    );
    await writeFile(join(dir, "okrs.csv"), okrs);
    const s = await importPath(svc, dir);
    expect(s.keyResults).toEqual({ added: 0, updated: 1, unchanged: 24 });
    const kr = await svc.keyResult("KR9.2", AS_OF);
    expect(kr.target).toBe(70);
    expect((await svc.tree(AS_OF)).flatMap((o) => o.keyResults).length).toBe(25);
    await svc.close();
  });

  it("reads cells with the project's one number reader, a lone dot staying a decimal point", async () => {
    const dir = await fixtureCopy();
    const text = await readFile(join(dir, "checkins.csv"), "utf8");
    await writeFile(
      join(dir, "checkins.csv"),
      text.trimEnd() + '\nKR1.2,2026-11-26,"1,400,000",4,Linh Tran,\nKR2.1,2026-11-26,"53,4",4,Minh Nguyen,\nKR2.2,2026-11-26,3.125,4,Bao Le,\n',
    );
    const svc = await openService(await tempDir());
    expect((await importPath(svc, dir)).checkIns.added).toBe(196);
    expect((await svc.keyResult("KR1.2", AS_OF)).current).toBe(1_400_000);
    expect((await svc.keyResult("KR2.1", AS_OF)).current).toBe(53.4);
    expect((await svc.keyResult("KR2.2", AS_OF)).current).toBe(3.125);
    await svc.close();
  });

  it("edits a KR's owner and target under the same title as an ordinary update", async () => {
    const dir = await fixtureCopy();
    const svc = await openService(await tempDir());
    await importPath(svc, dir);
    // Same words; case, spacing and accents may differ, and numbers in the title follow the target.
    const okrs = (await readFile(join(dir, "okrs.csv"), "utf8"))
      .replace("Raise NPS from 48 to 65,Grace Okafor,metric,increase,NPS,48,65", "raise NPS  from 48 to 72,Ahmed Hassan,metric,increase,NPS,48,72")
      .replace("Giảm chu kỳ bán hàng trung bình từ 42 xuống 30 ngày", "Giam chu ky ban hang trung binh tu 42 xuong 28 ngay");
    await writeFile(join(dir, "okrs.csv"), okrs);
    const s = await importPath(svc, dir);
    expect(s.keyResults).toEqual({ added: 0, updated: 2, unchanged: 23 });
    expect(s.renamed).toEqual([]);
    const kr = await svc.keyResult("KR9.2", AS_OF);
    expect(kr).toMatchObject({ target: 72, owner: "Ahmed Hassan", title: "raise NPS  from 48 to 72" });
    await svc.close();
  });

  it("refuses another workspace under the same refs (the demo, then acme) and writes nothing", async () => {
    const data = await tempDir();
    const svc = await openService(data);
    await svc.import(demoWorkspace(AS_OF));
    await svc.store.idle();
    const before = await listing(data);
    const version = await svc.store.version();
    const err = await expectImportError(importPath(svc, FIXTURE));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/^Import refused: 15 refs in the import name a different objective or key result than the workspace stores under them .*nothing was written\.$/);
    expect(err.details).toEqual([
      'O1: stored "Become the workspace remote product teams love" vs incoming "Become the go-to workspace for remote product teams" (okrs.csv:2)',
      'O2: stored "Make the first week with us effortless" vs incoming "Give new users a smooth first-run experience" (okrs.csv:5)',
      'O3: stored "Ship releases our customers can trust" vs incoming "Increase conversion by 2% by optimizing the landing page" (okrs.csv:8)',
      'O4: stored "Xây dựng đội ngũ bán hàng hiệu quả và bền vững" vs incoming "Ship releases our customers can trust" (okrs.csv:10)',
      'O5: stored "Make every customer feel heard" vs incoming "Speed up the development team" (okrs.csv:13)',
      "… and 10 more",
    ]);
    expect(await svc.store.version()).toBe(version);
    expect(await listing(data)).toEqual(before);
    expect((await svc.keyResult("KR1.1", AS_OF)).title).toBe("Grow ARR from $2.0M to $2.6M");
    await svc.close();
  });

  it("takes a changed title as a rename only when asked to", async () => {
    const dir = await fixtureCopy();
    const svc = await openService(await tempDir());
    await importPath(svc, dir);
    const okrs = (await readFile(join(dir, "okrs.csv"), "utf8")).replaceAll("Speed up the development team", "Ship smaller changes more often");
    await writeFile(join(dir, "okrs.csv"), okrs);
    const read = await readImportSource(dir);
    const err = await expectImportError(svc.import(read.data, read.problems));
    expect(err.details).toEqual(['O5: stored "Speed up the development team" vs incoming "Ship smaller changes more often" (okrs.csv:13)']);
    expect(err.message).toMatch(/^Import refused: 1 ref in the import names a different objective or key result than the workspace stores under it/);
    const s = await svc.import(read.data, read.problems, undefined, { allowRenames: true });
    expect(s.objectives).toEqual({ added: 0, updated: 1, unchanged: 8 });
    expect(s.renamed).toEqual([{ kind: "objective", ref: "O5", stored: "Speed up the development team", incoming: "Ship smaller changes more often", at: "okrs.csv:13" }]);
    expect((await svc.tree(AS_OF)).find((o) => o.ref === "O5")!.title).toBe("Ship smaller changes more often");
    await svc.close();
  });
});

describe("big imports, streamed", () => {
  /** acme's okrs.csv and `rows` generated check-ins over its KRs, some notes spanning lines. */
  async function bigSource(rows: number, extra: string[] = []): Promise<string> {
    const dir = await fixtureCopy();
    const krs = ["KR1.1", "KR1.2", "KR2.1", "KR3.1", "KR4.2"];
    const lines = ["kr_ref,date,value,confidence,author,note"];
    for (let i = 0; i < rows; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const note = i % 997 === 0 ? `"row ${i}, first line\nsecond ""line"""` : `row ${i}`;
      lines.push(`${krs[i % krs.length]},2026-11-${day},${i % 500},${1 + (i % 5)},Bot ${i % 7},${note}`);
    }
    await writeFile(join(dir, "checkins.csv"), [...lines, ...extra].join("\n") + "\n");
    return dir;
  }
  let chunks = 0;
  const streamed = async (svc: Awaited<ReturnType<typeof openService>>, path: string, progress: string[]) => {
    const read = await openImportSource(path);
    chunks = 0;
    async function* counted() {
      for await (const c of read.checkInChunks) {
        chunks++;
        yield c;
      }
    }
    return svc.import(read.data, read.problems, (m) => progress.push(m), { checkInChunks: counted() });
  };

  it("reads a check-ins file in pieces: every row lands once, multi-line notes intact, and a re-import adds nothing", async () => {
    const source = await bigSource(60_000);
    const svc = await openService(await tempDir());
    const progress: string[] = [];
    const first = await streamed(svc, source, progress);
    expect(first.checkIns).toEqual({ added: 60_000, skipped: 0 });
    // Read in pieces of about 1 MB: the file is 2.4 MB.
    expect(chunks).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toBe("Writing 60,035 new or changed records in one commit…");
    const stored = await svc.store.checkInsAsWritten();
    expect(stored.length).toBe(60_000);
    expect(new Set(stored.map((c) => c.note)).size).toBe(60_000);
    expect(stored.filter((c) => c.note === 'row 59820, first line\nsecond "line"')).toHaveLength(1);
    const again = await streamed(svc, source, []);
    expect(again.checkIns).toEqual({ added: 0, skipped: 60_000 });
    expect((await svc.store.checkInsAsWritten()).length).toBe(60_000);
    await svc.close();
  });

  it("re-imports a long file over many stored KRs with a few reads of the stored check-ins, not one per piece", async () => {
    const { writeSyntheticWorkspace } = await import("../../src/bench/synthetic.js");
    const source = await tempDir();
    await writeSyntheticWorkspace(source, { keyResults: 6_000, checkInsPerKr: 10 });
    const svc = await openService(await tempDir());
    expect((await streamed(svc, source, [])).checkIns).toEqual({ added: 60_000, skipped: 0 });
    // One changed row at the end of the file: it alone is added.
    const csv = join(source, "checkins.csv");
    const lines = (await readFile(csv, "utf8")).trimEnd().split("\n");
    const last = lines.at(-1)!.split(",");
    last[2] = String(Number(last[2]) + 1);
    await writeFile(csv, [...lines.slice(0, -1), last.join(",")].join("\n") + "\n");
    const store = svc.store as { checkInsAsWritten: (krIds?: readonly string[]) => Promise<unknown[]> };
    const read = store.checkInsAsWritten.bind(store);
    let reads = 0;
    store.checkInsAsWritten = (krIds) => (reads++, read(krIds));
    expect((await streamed(svc, source, [])).checkIns).toEqual({ added: 1, skipped: 59_999 });
    expect(chunks).toBeGreaterThan(20);
    // Reads for single pieces until they cost about what reading the rest in batches of 5,000
    // KRs does (2 × 2), then those 2 batches.
    expect(reads).toBeLessThanOrEqual(6);
    await svc.close();
  });

  it("refuses the whole file for one bad row at its end, named by its line, and writes nothing", async () => {
    const source = await bigSource(60_000, ["KR1.1,2026-11-03,oops,3,Bot,"]);
    const data = await tempDir();
    const svc = await openService(data);
    const err = await expectImportError(streamed(svc, source, []));
    // Header, 60,000 rows, and 61 notes that each take a second line.
    expect(err.details).toEqual([`checkins.csv:${1 + 60_000 + 61 + 1}: value "oops" is not a number`]);
    expect(await svc.store.version()).toBe(0);
    expect(await listing(data)).toEqual([]);
    await svc.close();
  });

  it("lists the first 100 problems of a bad file and counts the rest", async () => {
    const bad = Array.from({ length: 250 }, (_, i) => `KR1.1,2026-11-03,bad${i},3,Bot,`);
    const svc = await openService(await tempDir());
    const err = await expectImportError(streamed(svc, await bigSource(10, bad), []));
    expect(err.message).toBe("Import refused: 250 problems; nothing was written.");
    expect(err.details).toHaveLength(101);
    // Header, 10 rows (the first note on two lines): the first bad row is line 13.
    expect(err.details[0]).toBe('checkins.csv:13: value "bad0" is not a number');
    expect(err.details.at(-1)).toBe("… and 150 more problems");
    await svc.close();
  });

  it("keeps equal check-ins as many times as the file has them, and a re-import still adds nothing", async () => {
    const dir = await fixtureCopy();
    const row = "KR1.1,2026-11-03,104,3,Linh Tran,same";
    await writeFile(join(dir, "checkins.csv"), ["kr_ref,date,value,confidence,author,note", row, row].join("\n"));
    const svc = await openService(await tempDir());
    expect((await importPath(svc, dir)).checkIns).toEqual({ added: 2, skipped: 0 });
    expect((await importPath(svc, dir)).checkIns).toEqual({ added: 0, skipped: 2 });
    await writeFile(join(dir, "checkins.csv"), ["kr_ref,date,value,confidence,author,note", row, row, row].join("\n"));
    expect((await importPath(svc, dir)).checkIns).toEqual({ added: 1, skipped: 2 });
    // Export → import into an empty folder keeps all three.
    const out = join(await tempDir(), "backup.json");
    await writeFile(out, JSON.stringify(await svc.exportDocument()));
    const restored = await openService(await tempDir());
    expect((await importPath(restored, out)).checkIns).toEqual({ added: 3, skipped: 0 });
    expect((await restored.store.checkInsAsWritten()).filter((c) => c.note === "same")).toHaveLength(3);
    await Promise.all([svc.close(), restored.close()]);
  });
});

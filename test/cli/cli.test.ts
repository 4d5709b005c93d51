// The okr command end to end: spawned as a user would run it (bin/okr.js over the compiled dist/).

import { execFile, spawn } from "node:child_process";
import { readdir, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.js";
import { AS_OF, FIXTURE, cleanup, fixtureCopy, listing, tempDir } from "../helpers.js";
import { BIN, runOkr } from "./run-okr.js";

const run = promisify(execFile);

const okr = runOkr;

let data: string;
beforeAll(async () => {
  data = await tempDir();
  const r = await okr(["import", FIXTURE, "--data", data]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("key results: 25 added");
}, 30_000);
afterAll(cleanup);

describe("okr", () => {
  it("lists the churn KR first as of the fixture's date, with fractions in JSON", async () => {
    const r = await okr(["lagging", "--as-of", AS_OF, "--json"], { OKR_DATA_DIR: data });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows[0]).toMatchObject({ ref: "KR1.3", team: "Company", status: "off_track", confidence: 2, stale: false });
    expect(rows[0].progress).toBeCloseTo(0.05, 4);
    expect(rows[0].expected).toBeCloseTo(56 / 91, 4);
    expect(rows[0].gap).toBeCloseTo(56 / 91 - 0.05, 4);
    for (const key of ["ref", "title", "team", "progress", "expected", "gap", "status", "confidence", "stale", "weeklyDelta"]) expect(rows[0]).toHaveProperty(key);
  });

  it("takes the date from OKR_NOW and prints a readable table", async () => {
    const r = await okr(["lagging", "--team", "Product", "--limit", "2"], { OKR_DATA_DIR: data, OKR_NOW: AS_OF });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Key results most behind pace as of 2026-11-26");
    expect(lines[2]).toMatch(/^#\s+KR\s+Title/);
    expect(lines[4]).toMatch(/^1\s+KR2\.3\s+Lift onboarding completion/);
    expect(lines[4]).toContain("(stale)");
    expect(lines[6]).toBe("");
  });

  it("shows the tree and one KR with history and forecast", async () => {
    const tree = await okr(["tree", "--team", "Kinh doanh", "--as-of", AS_OF, "--data", data]);
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain("O8  Nâng cao hiệu quả bán hàng");
    expect(tree.stdout).toMatch(/KR8\.2\s+[█░]{10}/);
    const kr = await okr(["kr", "KR1.3", "--as-of", AS_OF, "--data", data]);
    expect(kr.code).toBe(0);
    // The fit adds (cycle start, start value) to the check-ins: the text counts them apart, so that
    // its numbers agree with the table of check-ins below it.
    expect(kr.stdout).toContain("Forecast at cycle end (least squares over 8 check-ins and the start value)");
    expect(kr.stdout.split("\n").filter((l) => /^2026-\d\d-\d\d /.test(l))).toHaveLength(8);
    expect(kr.stdout).toContain("No improvement yet. Churn survey says onboarding gaps and price.");
  });

  it("logs a check-in and then reports it", async () => {
    const dir = await tempDir();
    expect((await okr(["import", FIXTURE, "--data", dir])).code).toBe(0);
    const r = await okr(["checkin", "KR2.1", "54.1%", "--confidence", "4", "--note", "onboarding emails shipped", "--author", "Minh"], { OKR_DATA_DIR: dir, OKR_NOW: AS_OF });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Logged 54.1% on KR2.1");
    const kr = JSON.parse((await okr(["kr", "KR2.1", "--json", "--as-of", AS_OF], { OKR_DATA_DIR: dir })).stdout);
    expect(kr.current).toBe(54.1);
    expect(kr.checkIns.at(-1)).toEqual({ date: AS_OF, value: 54.1, confidence: 4, note: "onboarding emails shipped", author: "Minh" });
    // The project's one number reader: a Vietnamese decimal comma, and 1tr4 = 1,400,000.
    expect((await okr(["checkin", "KR2.1", "54,3"], { OKR_DATA_DIR: dir, OKR_NOW: AS_OF })).stdout).toContain("Logged 54.3% on KR2.1");
    expect((await okr(["checkin", "KR1.2", "1tr4"], { OKR_DATA_DIR: dir, OKR_NOW: AS_OF })).code).toBe(0);
    expect(JSON.parse((await okr(["kr", "KR1.2", "--json", "--as-of", AS_OF], { OKR_DATA_DIR: dir })).stdout).current).toBe(1_400_000);
  });

  it("exits 1 with a useful message on bad input", async () => {
    const env = { OKR_DATA_DIR: data, OKR_NOW: AS_OF };
    const cases: [string[], RegExp][] = [
      [["checkin", "KR2.1", "lots"], /"lots" is not a number/],
      [["checkin", "KR2.1", "45.200"], /"45\.200" is ambiguous: 45200 \(the dot groups thousands\) or 45\.2 \(a decimal point\)\?/],
      [["checkin", "KR2.1", "50", "--confidence", "9"], /--confidence must be a whole number from 1 \(no chance\) to 5/],
      [["kr", "retention"], /matches 2 key results: KR1\.1 .*KR2\.1 .*Use a ref/],
      // The CLI keeps its own advice (an MCP client is told to call list_okrs instead).
      [["kr", "KR77.1"], /No key result matches "KR77\.1"\. Closest: KR7\.1 \(Grow organic traffic.*\)\. Run `okr tree` to see every ref\./],
      [["lagging", "--as-of", "2026-13-01"], /--as-of "2026-13-01" is not a date/],
      [["lagging", "--limit", "0"], /--limit must be a whole number of at least 1/],
      [["lagging", "--bogus"], /Unknown option --bogus\. See okr lagging --help/],
      [["frobnicate"], /unknown command "frobnicate"/],
      [["export", "--format", "xml"], /--format must be json or csv/],
      [["import", "/nonexistent/path"], /Nothing to import at \/nonexistent\/path/],
    ];
    for (const [args, message] of cases) {
      const r = await okr(args, env);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stdout, args.join(" ")).toBe("");
    }
  });

  it("refuses a bad CSV with line numbers and leaves the data directory as it was", async () => {
    const bad = await fixtureCopy();
    await writeFile(join(bad, "checkins.csv"), "kr_ref,date,value,confidence,author,note\nKR1.1,2026-10-02,oops,4,A,\nKR1.1,2026-10-09,1,0,A,\n");
    const before = await listing(data);
    const r = await okr(["import", bad, "--data", data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Import refused: 2 problems; nothing was written.");
    expect(r.stderr).toContain('checkins.csv:2: value "oops" is not a number');
    expect(r.stderr).toContain('checkins.csv:3: confidence "0" must be a whole number from 1');
    expect(await listing(data)).toEqual(before);
  });

  it("refuses to merge acme into the demo workspace, naming the collisions and the ways forward", async () => {
    const root = await tempDir();
    const dir = join(root, "data");
    expect((await okr(["demo", "--data", dir, "--as-of", AS_OF])).code).toBe(0);
    const before = await listing(dir);
    const r = await okr(["import", FIXTURE, "--data", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("okr import: Import refused: 15 refs in the import name a different objective or key result");
    expect(r.stderr).toContain('  O1: stored "Become the workspace remote product teams love" vs incoming "Become the go-to workspace for remote product teams" (okrs.csv:2)');
    expect(r.stderr).toContain("… and 10 more");
    expect(r.stderr).toMatch(/keep both: import into another folder: okr import \S+ --data \S*acme-data/);
    expect(r.stderr).toMatch(/okr export --out backup\.json .*then okr import \S+ --replace/);
    expect(r.stderr).toContain("--allow-renames");
    expect(await listing(dir)).toEqual(before);
    expect(await readdir(root)).toEqual(["data"]);
  }, 30_000);

  it("import --replace moves the old workspace aside, kept whole, and imports into a fresh one", async () => {
    const root = await tempDir();
    const dir = join(root, "data");
    expect((await okr(["demo", "--data", dir, "--as-of", AS_OF])).code).toBe(0);
    const before = await listing(dir);
    const r = await okr(["import", FIXTURE, "--data", dir, "--replace"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("objectives: 9 added, 0 updated, 0 unchanged");
    const aside = /The previous workspace was moved to (\S+) \(nothing was deleted/.exec(r.stdout)?.[1];
    expect(aside).toMatch(/\/data\.replaced-\d{8}-\d{6}$/);
    expect((await readdir(root)).sort()).toEqual(["data", basename(aside!)]);
    expect(await listing(aside!)).toEqual(before);
    const tree = async (d: string) => (JSON.parse((await okr(["tree", "--json", "--as-of", AS_OF, "--data", d])).stdout) as { title: string }[]).map((o) => o.title);
    expect(await tree(dir)).toContain("Become the go-to workspace for remote product teams");
    expect(await tree(dir)).toHaveLength(9);
    expect(await tree(aside!)).toEqual(expect.arrayContaining(["Become the workspace remote product teams love"]));
    expect(await tree(aside!)).toHaveLength(5);
  }, 30_000);

  it("a failed import --replace leaves the data directory as it was, with no folder left behind", async () => {
    const root = await tempDir();
    const dir = join(root, "data");
    expect((await okr(["import", FIXTURE, "--data", dir])).code).toBe(0);
    const before = await listing(dir);
    const bad = await fixtureCopy();
    await writeFile(join(bad, "checkins.csv"), "kr_ref,date,value,confidence\nKR1.1,2026-10-02,oops,4\n");
    const r = await okr(["import", bad, "--data", dir, "--replace"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('checkins.csv:2: value "oops" is not a number');
    expect(await readdir(root)).toEqual(["data"]);
    expect(await listing(dir)).toEqual(before);
  }, 30_000);

  it("exits 1 when the data directory is a file, and 2 when the store is damaged", async () => {
    const file = join(await tempDir(), "not-a-dir");
    await writeFile(file, "x");
    const asFile = await okr(["lagging", "--data", file]);
    expect(asFile.code).toBe(1);
    expect(asFile.stderr).toContain("is a file, not a directory");
    const dir = await tempDir();
    expect((await okr(["import", FIXTURE, "--data", dir])).code).toBe(0);
    const versions = join(dir, "records.lance", "_versions");
    for (const f of await readdir(versions)) if (f.endsWith(".manifest")) await writeFile(join(versions, f), "garbage\n");
    // A write opens the table; a read may still answer from the snapshot of what was acknowledged.
    const write = await okr(["checkin", "KR1.1", "106", "--data", dir]);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/^okr checkin: internal error: .*lance error/);
    await rm(join(dir, "snapshot.okrcache"));
    const damaged = await okr(["lagging", "--data", dir]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/^okr lagging: internal error: .*lance error/);
  });

  it("stops quietly when its output pipe closes early (okr tree | head -1)", async () => {
    const { stdout, stderr } = await run("sh", ["-c", `"${process.execPath}" "${BIN}" tree --data "${data}" --as-of ${AS_OF} | head -1`]);
    expect(stdout).toBe("OKRs as of 2026-11-26\n");
    expect(stderr).toBe("");
  });

  it("has --help on every command", async () => {
    for (const c of COMMANDS) {
      const r = await okr([c.name, "--help"]);
      expect(r.code, c.name).toBe(0);
      expect(r.stdout, c.name).toContain(`Usage: okr ${c.name}`);
      expect(r.stdout, c.name).toContain("--as-of YYYY-MM-DD");
    }
    const top = await okr(["--help"]);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout).toContain(`  ${c.name} `);
  });

  it("exports CSV to stdout and JSON to a file", async () => {
    const csv = await okr(["export", "--format", "csv", "--table", "checkins", "--data", data]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\r\n")[0]).toBe("kr_ref,date,value,confidence,author,note");
    expect(csv.stdout.split("\r\n")).toHaveLength(195); // header + 193 + final empty
    const out = join(await tempDir(), "backup.json");
    const r = await okr(["export", "--out", out, "--data", data]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Wrote ${out} (9 objectives)`);
  });

  it("start writes the demo on first run, shows the overview and serves MCP over HTTP until stopped", async () => {
    const dir = join(await tempDir(), "fresh");
    const child = spawn(process.execPath, [BIN, "start", "--data", dir, "--as-of", AS_OF, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "",
      err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /MCP endpoint \(Streamable HTTP\): (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`start exited ${code}: ${err}`)));
    });
    expect(err).toContain("Wrote a demo workspace dated around 2026-11-26");
    expect(out).toContain("Lagging most:");
    expect(out).toContain("Kinh doanh");
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: "ok", objectives: 5 });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const demo = await okr(["demo", "--data", dir]);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain("already holds a workspace");
  }, 30_000);
});

describe("okr critique and okr review", () => {
  it("critique --json gives findings and the rewrite for the fixture's O3", async () => {
    const r = await okr(
      [
        "critique",
        "Increase conversion by 2% by optimizing the landing page",
        "--kr",
        "Raise trial-to-paid from 8% to 10%",
        "--kr",
        "Publish 3 case studies",
        "--owner",
        "Minh",
        "--json",
      ],
      { OKR_DATA_DIR: data },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { rule: string }) => f.rule)).toEqual(["objective-has-metric", "objective-is-output", "kr-is-activity", "kr-not-measurable"]);
    expect(out.rewrite.objective).toBe(out.rewrite.candidates[0]);
    expect(out.rewrite.objective).toMatch(/conversion/i);
    expect(out.rewrite.keyResults.map((k: { title: string }) => k.title)).toEqual(["Increase conversion by 2%", "Optimize the landing page"]);
  });
  it("critique on an output objective answers with outcome rewrites and the deliverable as a milestone key result", async () => {
    const r = await okr(["critique", "Launch the new billing portal"], { OKR_DATA_DIR: data });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/objective-is-output: "Launch" names work to do/);
    expect(r.stdout).toMatch(/Rewrites, best first:\n {2}1\. .*billing portal/);
    expect(r.stdout).toContain("KR: Launch the new billing portal (milestone)");
  });
  it("review lists every objective of the cycle with its findings", async () => {
    const r = await okr(["review", "--as-of", AS_OF, "--json"], { OKR_DATA_DIR: data });
    const rows = JSON.parse(r.stdout) as { ref: string; findings: { rule: string }[] }[];
    expect(rows).toHaveLength(9);
    expect(rows.find((x) => x.ref === "O3")!.findings.map((f) => f.rule)).toContain("objective-has-metric");
    expect(rows.find((x) => x.ref === "O9")!.findings.map((f) => f.rule)).toContain("kr-is-activity"); // "Hold quarterly business reviews…"
    expect(rows.find((x) => x.ref === "O1")!.findings).toEqual([]);
    const team = await okr(["review", "--team", "product", "--as-of", AS_OF], { OKR_DATA_DIR: data });
    expect(team.stdout).toMatch(/^2 objectives reviewed, 1 with findings\./);
  });

  it("fixes mistakes by hand: checkin --fix, undo, kr set --target, kr add, objective add", async () => {
    const dir = await tempDir();
    expect((await okr(["import", FIXTURE, "--data", dir])).code).toBe(0);
    const env = { OKR_DATA_DIR: dir, OKR_NOW: AS_OF, OKR_AUTHOR: "Minh Nguyen" };
    expect((await okr(["checkin", "KR2.1", "5.4", "-c", "4"], env)).code).toBe(0);
    const fix = await okr(["checkin", "KR2.1", "54", "--fix"], env);
    expect(fix.code).toBe(0);
    expect(fix.stdout).toContain("Corrected KR2.1's check-in of 2026-11-26 (5.4%, confidence 4/5, by Minh Nguyen) to 54%");
    const undo = await okr(["undo"], env);
    expect(undo.stdout).toContain("Retracted KR2.1's check-in of 2026-11-26 (54%");
    const kr = JSON.parse((await okr(["kr", "KR2.1", "--json"], env)).stdout) as { current: number };
    expect(kr.current).toBe(53.4);
    const set = await okr(["kr", "set", "KR9.2", "--target", "60"], env);
    expect(set.stdout).toContain("Updated KR9.2: target 65 NPS → 60 NPS.");
    const bad = await okr(["kr", "set", "KR9.2", "--start", "10"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--start cannot be changed on an existing key result");
    const obj = await okr(["objective", "add", "Make support feel instant", "--team", "Customer Success", "--owner", "Grace Okafor"], env);
    expect(obj.stdout).toContain('Created O10 "Make support feel instant" (Customer Success, Grace Okafor).');
    const add = await okr(["kr", "add", "O10", "Cut first reply from 4 hours to 1 hour", "--start", "4", "--target", "1", "--unit", "hours"], env);
    expect(add.stdout).toContain("Added KR10.1");
    expect(add.stdout).toContain("pace counts from 2026-11-26");
    const tree = await okr(["tree", "--team", "Customer Success"], env);
    expect(tree.stdout).toMatch(/KR10\.1 .* on track/);
    expect(tree.stdout).toMatch(/O9 .*\n.*at risk \(held back by KR9\.2/);
  });
});

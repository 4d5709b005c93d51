// What the okr command says when something is off: one line saying what is wrong and what to type
// instead, the exit code scripts can rely on, warnings that do not block, and counts that read right.

import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, cleanup, tempDir } from "../helpers.js";
import { runOkr } from "./run-okr.js";

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string }).version;

const okr = (args: string[], env: Record<string, string> = {}) => runOkr(args, { OKR_NOW: AS_OF, ...env });

/** One line on stderr, no stack trace, nothing on stdout. */
function oneLine(r: { stdout: string; stderr: string }, what: string): string {
  expect(r.stdout, what).toBe("");
  expect(r.stderr.trimEnd().split("\n"), `${what}: ${r.stderr}`).toHaveLength(1);
  expect(r.stderr, what).not.toMatch(/\n\s+at /);
  return r.stderr;
}

let data: string;
beforeAll(async () => {
  data = await tempDir();
  expect((await okr(["import", FIXTURE, "--data", data])).code).toBe(0);
}, 30_000);
afterAll(cleanup);

describe("files and the environment (issue 15 #8)", () => {
  it("refuses a device as an import and an export into the data directory, in one line each", async () => {
    const dev = await okr(["import", "/dev/zero", "--data", data]);
    expect(dev.code).toBe(1);
    expect(oneLine(dev, "import /dev/zero")).toBe("okr import: /dev/zero is not a regular file (a device, a pipe or a socket): give a folder, a .csv file or a JSON export.\n");
    for (const out of [join(data, "records.lance"), join(data, "backup.json"), data]) {
      const r = await okr(["export", "--out", out, "--data", data]);
      expect(r.code, out).toBe(1);
      expect(oneLine(r, out)).toMatch(/is inside the data directory .*: write the export somewhere else\.\n$/);
    }
    expect((await okr(["lagging", "--data", data])).code).toBe(0);
  });

  it("shows the control characters of a binary file as \\xNN, never raw", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "checkins.csv"), "kr_ref,date,value,confidence\nKR1.1,2026-11-02,\u001b[31mred\u0007\u0000,3\n");
    const r = await okr(["import", join(dir, "checkins.csv"), "--data", data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('value "\\x1B[31mred\\x07\\x00" is not a number');
    expect([...r.stderr].filter((c) => c.charCodeAt(0) < 0x20 && c !== "\n")).toEqual([]);
  });

  it("says a full disk or a refused permission in one line, from Node's code or LanceDB's OS error", async () => {
    const { environmentProblem } = await import("../../src/cli/main.js");
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", path: "/data/x" });
    expect(environmentProblem(full)).toBe("the disk is full (/data/x): the command did not complete. Free some space or fix the permissions, then try again.");
    const lance = new Error("Cannot open the data directory", {
      cause: new Error("LanceError(IO): Permission denied (os error 13), /home/runner/.cargo/registry/src/lance-io/local.rs:123"),
    });
    expect(environmentProblem(lance)).toMatch(/^permission denied: the command did not complete/);
    expect(environmentProblem(new Error("something else"))).toBeNull();
  });
});

describe("bad input: exit 1 and one line saying what to fix", () => {
  it("checks numeric options itself, negative numbers included", async () => {
    for (const limit of ["-3", "abc", "0", "2.5"]) {
      const r = await okr(["lagging", "--limit", limit, "--data", data]);
      expect(r.code, limit).toBe(1);
      expect(oneLine(r, limit)).toBe(`okr lagging: --limit must be a whole number of at least 1, not "${limit}" (e.g. --limit 5)\n`);
    }
    const search = await okr(["search", "retention", "--limit", "-1", "--data", data]);
    expect(oneLine(search, "search")).toContain('--limit must be a whole number of at least 1, not "-1"');
    const port = await okr(["serve", "--http", "--port", "70000", "--data", data]);
    expect(port.code).toBe(1);
    expect(oneLine(port, "port")).toContain('--port must be a whole number from 0 to 65535, not "70000" (e.g. --port 8787)');
    expect((await okr(["lagging", "--limit", "2", "--data", data, "--json"])).code).toBe(0);
  });

  it("suggests the command or option that was probably meant", async () => {
    const tre = await okr(["tre"]);
    expect(tre.code).toBe(1);
    expect(oneLine(tre, "tre")).toMatch(/^okr: unknown command "tre"\. Did you mean `okr tree`\? Commands: lagging, tree, /);
    expect((await okr(["lagigng"])).stderr).toContain("Did you mean `okr lagging`?");
    expect((await okr(["frobnicate"])).stderr).not.toContain("Did you mean");
    const opt = await okr(["lagging", "--lmit", "3", "--data", data]);
    expect(opt.code).toBe(1);
    expect(oneLine(opt, "--lmit")).toBe("okr lagging: Unknown option --lmit. Did you mean --limit? See okr lagging --help.\n");
    const noValue = await okr(["lagging", "--team", "--json", "--data", data]);
    expect(oneLine(noValue, "--team --json")).toContain("--team needs a value: --team T");
    const negative = await okr(["checkin", "KR2.1", "-3", "--data", data]);
    expect(oneLine(negative, "-3")).toContain("-3 looks like a negative number: put it after --, as in okr checkin KR2.1 --data");
  });

  it("refuses a --data folder without a workspace for every command that reads one, and creates nothing", async () => {
    const missing = join(await tempDir(), "no-such-folder");
    const reads = [
      ["lagging"],
      ["tree"],
      ["kr", "KR1.1"],
      ["search", "retention"],
      ["summary"],
      ["remind"],
      ["review"],
      ["export"],
      ["chat", "which KR is lagging?"],
      ["serve", "--stdio"],
      ["checkin", "KR2.1", "54"],
    ];
    for (const args of reads) {
      const r = await okr([...args, "--data", missing]);
      expect(r.code, args[0]).toBe(1);
      expect(oneLine(r, args[0]!)).toBe(
        `okr ${args[0]}: No OKR workspace at ${missing} (the folder does not exist). Check --data or OKR_DATA_DIR, or create one: okr import FOLDER --data ${missing}, or okr demo --data ${missing} for a demo.\n`,
      );
    }
    expect(existsSync(missing)).toBe(false);
    const csvFolder = await okr(["tree", "--data", FIXTURE]);
    expect(oneLine(csvFolder, "csv folder")).toContain(`${FIXTURE} holds files to import, not an OKR workspace: okr import ${FIXTURE} --data NEW_FOLDER`);
    const empty = await tempDir();
    expect(oneLine(await okr(["lagging", "--data", empty]), "empty")).toContain(`No OKR workspace in ${empty} (the folder is empty).`);
    // Commands that create a workspace still do; the critic needs none.
    expect((await okr(["critique", "Delight new users", "--data", missing])).code).toBe(0);
    expect((await okr(["demo", "--data", missing])).code).toBe(0);
    expect((await okr(["tree", "--data", missing])).code).toBe(0);
    const imported = join(await tempDir(), "new");
    expect((await okr(["import", FIXTURE, "--data", imported])).code).toBe(0);
    expect((await okr(["lagging", "--data", imported])).code).toBe(0);
  }, 60_000);
});

describe("okr --version", () => {
  it("prints the package version as --version, -V and version, and --help mentions it", async () => {
    for (const flag of ["--version", "-V", "version"]) {
      const r = await okr([flag]);
      expect(r.code, flag).toBe(0);
      expect(r.stdout, flag).toBe(`${VERSION}\n`);
      expect(r.stderr, flag).toBe("");
    }
    const help = await okr(["--help"]);
    expect(help.stdout).toMatch(new RegExp(`^okr ${VERSION.replace(/\./g, "\\.")}: `));
    expect(help.stdout).toContain("--version, -V");
    expect(help.stdout).toContain("Exit codes: 0 ok, 1 bad input (the message says what to fix), 2 internal error, 3 a server or webhook could not be reached.");
  });
});

/** A port nothing listens on: one the OS just gave us, closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

describe("a server that cannot be reached: exit 3 and how to start one", () => {
  it("okr chat --mcp-url on a closed port", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/mcp`;
    const r = await okr(["chat", "--mcp-url", url, "which KR is lagging most?"]);
    expect(r.code).toBe(3);
    expect(oneLine(r, "chat")).toBe(
      `okr chat: Cannot reach the MCP server at ${url} (connection refused: nothing is listening there). Start one with okr serve --http (it listens on http://127.0.0.1:8787/mcp), or fix --mcp-url.\n`,
    );
    expect(oneLine(await okr(["chat", "--mcp-url", "not a url", "hi"]), "bad url")).toContain('--mcp-url "not a url" is not an http(s) URL');
  });

  it("okr chat with a model server that is not running", async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}/v1`;
    const r = await okr(["chat", "--model", "openai-compatible:llama3.1", "--data", data, "which KR is lagging most?"], { OPENAI_BASE_URL: base });
    expect(r.code).toBe(3);
    expect(oneLine(r, "model")).toBe(
      `okr chat: Cannot reach the model server at ${base} (connection refused: nothing is listening there). Start it (Ollama: ollama serve), check OPENAI_BASE_URL, or use --model local.\n`,
    );
  }, 30_000);
});

describe("warnings and notes on stderr, the work still done", () => {
  it("a second check-in on the same day is written, with a warning saying one exists and how to correct", async () => {
    const dir = await tempDir();
    expect((await okr(["import", FIXTURE, "--data", dir])).code).toBe(0);
    const first = await okr(["checkin", "KR2.1", "54", "--confidence", "4", "--data", dir]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    const second = await okr(["checkin", "KR2.1", "54", "--data", dir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Logged 54% on KR2.1");
    expect(second.stderr).toBe(
      "Warning: KR2.1 already had a check-in on 2026-11-26 (54%, confidence 4/5). Both are kept and the latest counts. To take this one back: okr undo KR2.1 (okr checkin KR2.1 VALUE --fix corrects the latest instead of adding one); for another day's value, pass --date YYYY-MM-DD.\n",
    );
    const kr = JSON.parse((await okr(["kr", "KR2.1", "--json", "--data", dir])).stdout) as { checkIns: { date: string }[] };
    expect(kr.checkIns.filter((c) => c.date === AS_OF)).toHaveLength(2);
    const otherDay = await okr(["checkin", "KR2.1", "54.5", "--date", "2026-11-25", "--data", dir]);
    expect(otherDay.stderr).toBe("");
  });

  it("okr export --format csv to stdout says the check-ins are not in it, and how to get them", async () => {
    const r = await okr(["export", "--format", "csv", "--data", data]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\r\n")[0]).toMatch(/^cycle,cycle_start,cycle_end,team,objective/);
    expect(r.stderr).toBe("Note: that was okrs.csv (objectives and key results); the check-ins are not in it: add --table checkins for them, or --out DIR for both files.\n");
    expect((await okr(["export", "--format", "csv", "--table", "okrs", "--data", data])).stderr).toBe(""); // asked for that table alone
    const dir = join(await tempDir(), "sheet");
    await mkdir(dir);
    const both = await okr(["export", "--format", "csv", "--out", dir, "--data", data]);
    expect(both.stderr).toContain("checkins.csv");
  });
});

describe("counts read right", () => {
  it("okr review says 1 objective, import 1 file", async () => {
    const one = await okr(["review", "--team", "Company", "--data", data]);
    expect(one.stdout).toMatch(/^1 objective reviewed, 0 with findings\./);
    const two = await okr(["review", "--team", "Product", "--data", data]);
    expect(two.stdout).toMatch(/^2 objectives reviewed, 1 with findings\./);
    const imported = await okr(["import", join(FIXTURE, "okrs.csv"), "--data", join(await tempDir(), "okrs-only")]);
    expect(imported.stderr).toContain("Read 1 file: 25 key results, 0 check-ins.");
  });
});

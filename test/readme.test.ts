// Walks the README as a newcomer would: `npm start` (okr start) in an empty folder, then every
// `npx okr …` line of its shell blocks, in order, each as its own process. A command the README shows
// must run as shown on the data a user has at that point. The few that cannot run here (long-running
// servers, the network, an interactive conversation) are named below with the reason.

import { spawn } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, tempDir } from "./helpers.js";

afterAll(cleanup);

const ROOT = join(import.meta.dirname, "..");
const OKR = join(ROOT, "bin", "okr.js");

/** Why a README command is not run here; anything else must run and exit 0. */
const NOT_HERE: [RegExp, string][] = [
  [/^okr serve\b/, "a server that runs until stopped (the stdio and HTTP tests cover it)"],
  [/--post-to\b/, "posts to the network"],
  [/--model (openai|openai-compatible):/, "needs a model server"],
  [/^okr chat$/, "an interactive conversation (the chat CLI test covers it)"],
];

/** Splits a shell line into words: double and single quotes, a trailing comment, `> FILE`. */
function words(line: string): { argv: string[]; stdoutTo: string | null } {
  const tokens: string[] = [];
  let cur = "",
    quote: string | null = null,
    started = false;
  const push = () => {
    if (started) tokens.push(cur);
    cur = "";
    started = false;
  };
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === "#" && !started) break;
    else if (/\s/.test(ch)) push();
    else {
      cur += ch;
      started = true;
    }
  }
  push();
  const at = tokens.indexOf(">");
  return at < 0 ? { argv: tokens, stdoutTo: null } : { argv: tokens.slice(0, at), stdoutTo: tokens[at + 1] ?? null };
}

/** The environment of someone who has set nothing of ours. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const k of Object.keys(env)) if (k.startsWith("OKR_") || k.startsWith("OPENAI_")) delete env[k];
  return env;
}

function run(argv: string[], cwd: string, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OKR, ...argv], { cwd, env: newcomerEnv() });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `okr start` until it says where it serves, then stopped: what `npm start` shows a newcomer. */
function start(cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OKR, "start", "--port", "0"], { cwd, env: newcomerEnv() });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`okr start did not come up:\n${out}`));
    }, 60_000);
    const seen = (d: Buffer) => {
      out += d;
      if (/http:\/\/127\.0\.0\.1:\d+\/mcp/.test(out)) {
        clearTimeout(timer);
        child.kill("SIGTERM");
        child.on("close", () => resolve(out));
      }
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.on("exit", (code) => {
      if (!/http:\/\/127\.0\.0\.1:\d+\/mcp/.test(out)) {
        clearTimeout(timer);
        reject(new Error(`okr start exited (${code}) before serving:\n${out}`));
      }
    });
  });
}

describe("the README, walked by a newcomer", () => {
  it("npm start, then every okr command it shows, in order, runs as shown", { timeout: 600_000 }, async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const lines = blocks
      .flatMap((b) => b.split("\n"))
      .map((l) => l.trim())
      .filter((l) => l.startsWith("npx okr"));
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm install && npm test");
    // A clean folder with what a clone has beside the code: the sample workspace.
    const cwd = await tempDir("okr-readme-");
    await cp(join(ROOT, "examples"), join(cwd, "examples"), { recursive: true });
    const started = await start(cwd);
    expect(started).toMatch(/Wrote a demo workspace/);
    expect(started).toMatch(/OKR workspace .* as of/);

    const ran: string[] = [],
      skipped: string[] = [];
    for (const line of lines) {
      const { argv, stdoutTo } = words(line.replace(/^npx okr\b/, "okr"));
      const shown = ["okr", ...argv.slice(1)].join(" ");
      const why = NOT_HERE.find(([re]) => re.test(shown));
      if (why) {
        skipped.push(`${line} (${why[1]})`);
        continue;
      }
      const r = await run(argv.slice(1), cwd);
      expect(r.code, `${line}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
      expect(r.stderr, line).not.toMatch(/internal error|TypeError|at .*\.js:\d+/);
      if (stdoutTo) await writeFile(join(cwd, stdoutTo), r.stdout);
      ran.push(line);
    }
    // The walk is not vacuous: most of what README shows ran here.
    expect(ran.length).toBeGreaterThanOrEqual(25);
    expect(skipped.length).toBeLessThanOrEqual(6);
  });
});

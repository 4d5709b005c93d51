// What the okr command says when something is off: one line saying what is wrong and what to type
// instead, the exit code scripts can rely on, warnings that do not block, and counts that read right.

import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, cleanup } from "../helpers.js";

const BIN = join(import.meta.dirname, "../../bin/okr.js");
const run = promisify(execFile);

async function okr(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, OKR_NOW: AS_OF, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** One line on stderr, no stack trace, nothing on stdout. */
function oneLine(r: { stdout: string; stderr: string }, what: string): string {
  expect(r.stdout, what).toBe("");
  expect(r.stderr.trimEnd().split("\n"), `${what}: ${r.stderr}`).toHaveLength(1);
  expect(r.stderr, what).not.toMatch(/\n\s+at /);
  return r.stderr;
}

afterAll(cleanup);

describe("a server that cannot be reached: exit 3 and how to start one", () => {
  it("okr chat --mcp-url on a closed port", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const url = `http://127.0.0.1:${port}/mcp`;
    const r = await okr(["chat", "--mcp-url", url, "which KR is lagging most?"]);
    expect(r.code).toBe(3);
    expect(oneLine(r, "chat")).toBe(
      `okr chat: Cannot reach the MCP server at ${url} (connection refused: nothing is listening there). Start one with okr serve --http (it listens on http://127.0.0.1:8787/mcp), or fix --mcp-url.\n`,
    );
    expect(oneLine(await okr(["chat", "--mcp-url", "not a url", "hi"]), "bad url")).toContain('--mcp-url "not a url" is not an http(s) URL');
  });
});


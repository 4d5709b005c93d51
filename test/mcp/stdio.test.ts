// MCP over stdio: the real `okr serve --stdio` process driven by the SDK's stdio client.

import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, cleanup, tempDir } from "../helpers.js";
import { EVERY_TOOL } from "./helpers.js";

const BIN = join(import.meta.dirname, "../../bin/okr.js");
const run = promisify(execFile);
afterAll(cleanup);

describe("stdio transport", () => {
  it("serves the tools over stdin/stdout, logs only to stderr, and its writes reach okr lagging", async () => {
    const dir = await tempDir();
    await run(process.execPath, [BIN, "import", FIXTURE, "--data", dir]);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "serve", "--stdio", "--data", dir],
      env: { PATH: process.env.PATH ?? "", OKR_NOW: AS_OF, OKR_AUTHOR: "Stdio Tester" },
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const c = new Client({ name: "stdio-test", version: "1.0.0" });
    await c.connect(transport); // would fail on anything but JSON-RPC on stdout
    expect((await c.listTools()).tools.map((t) => t.name)).toContain("log_check_in");
    const lag = (await c.callTool({ name: "query_lagging_key_results", arguments: { team: "Product", limit: 2 } })) as CallToolResult;
    expect((lag.structuredContent as { keyResults: { ref: string }[] }).keyResults.map((k) => k.ref)).toEqual(["KR2.3", "KR3.2"]);
    const logged = (await c.callTool({ name: "log_check_in", arguments: { keyResult: "KR2.3", value: 79, confidence: 4 } })) as CallToolResult;
    expect(logged.structuredContent).toMatchObject({ checkIn: { value: 79, author: "Stdio Tester", date: AS_OF } });
    const amb = (await c.callTool({ name: "log_check_in", arguments: { keyResult: "retention", value: 1 } })) as CallToolResult;
    expect(amb.isError).toBe(true);
    for (const t of EVERY_TOOL) {
      const r = (await c.callTool({ name: t.name, arguments: t.args })) as CallToolResult;
      expect(r.isError, `${t.name}: ${JSON.stringify(r.content)}`).toBeFalsy();
      t.expect(r.structuredContent as Record<string, unknown>);
    }
    await c.close();
    expect(stderr).toContain("okr MCP server on stdio");
    const { stdout } = await run(process.execPath, [BIN, "kr", "KR2.3", "--json", "--as-of", AS_OF, "--data", dir]);
    expect(JSON.parse(stdout)).toMatchObject({ current: 79, confidence: 4, stale: false });
  }, 30_000);

  it("exits 0 when its input closes, the way MCP clients stop it, after answering every request it read", async () => {
    const dir = await tempDir();
    await run(process.execPath, [BIN, "import", FIXTURE, "--data", dir]);
    const serve = (input: string) =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, "serve", "--stdio", "--data", dir, "--as-of", AS_OF], { stdio: ["pipe", "pipe", "ignore"] });
        let stdout = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.on("close", (code) => resolve({ code, stdout }));
        child.stdin.end(input);
      });
    expect((await serve("")).code).toBe(0); // was 13: Node's "unsettled top-level await"
    const requests = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "pipe", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "query_lagging_key_results", arguments: { limit: 1 } } },
    ];
    const piped = await serve(requests.map((r) => JSON.stringify(r) + "\n").join(""));
    expect(piped.code).toBe(0);
    const answers = piped.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { keyResults: { ref: string }[] } } });
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
    expect(answers[1]!.result.structuredContent!.keyResults[0]!.ref).toBe("KR1.3");
  }, 30_000);
});

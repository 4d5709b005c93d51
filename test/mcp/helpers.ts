// An MCP client connected in memory to our server over a copy of the acme workspace.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { expect } from "vitest";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createMcpServer } from "../../src/mcp/server.js";
import type { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, FIXTURE, importPath, openService, tempDir } from "../helpers.js";

export async function connectedClient(opts: { readOnly?: boolean; service?: OkrService } = {}) {
  const service = opts.service ?? (await openService(await tempDir()));
  if (!opts.service) await importPath(service, FIXTURE);
  const server = createMcpServer(service, { readOnly: opts.readOnly ?? false, today: () => AS_OF, author: "MCP Tester", version: "test" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "test-client", version: "1.0.0" });
  await client.connect(clientSide);
  return {
    client,
    service,
    call: (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
    async close() {
      await client.close();
      await server.close();
      await service.close();
    },
  };
}

export function text(r: CallToolResult): string {
  return r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** One valid call of every tool against the acme workspace, with what its result must show. */
export const EVERY_TOOL: { name: string; args: Record<string, unknown>; expect: (structured: Record<string, unknown>) => void }[] = [
  { name: "list_okrs", args: { team: "Product" }, expect: (s) => expect((s.objectives as { ref: string }[]).map((o) => o.ref)).toEqual(["O2", "O3"]) },
  { name: "get_key_result", args: { keyResult: "KR1.3" }, expect: (s) => expect(s).toMatchObject({ ref: "KR1.3", current: 4.9, status: "off_track" }) },
  {
    name: "search_okrs",
    args: { query: "retention" },
    expect: (s) => expect((s.results as { ref: string }[]).map((r) => r.ref)).toEqual(expect.arrayContaining(["KR1.1", "KR2.1"])),
  },
  { name: "query_lagging_key_results", args: { limit: 1 }, expect: (s) => expect((s.keyResults as { ref: string }[])[0]!.ref).toBe("KR1.3") },
  {
    name: "critique_objective",
    args: { title: "Grow revenue", keyResults: [] },
    expect: (s) => expect((s.findings as { rule: string }[]).map((f) => f.rule)).toContain("kr-count"),
  },
  { name: "weekly_summary", args: { team: "Engineering" }, expect: (s) => expect(s).toMatchObject({ team: "Engineering", weekStart: "2026-11-20" }) },
  {
    name: "create_objective",
    args: { title: "Delight enterprise admins", team: "Product", owner: "Minh Nguyen" },
    expect: (s) => expect(s.objective).toMatchObject({ ref: "O10" }),
  },
  {
    name: "add_key_result",
    args: { objective: "O10", title: "Raise admin CSAT from 70 to 85", start: 70, target: 85 },
    expect: (s) => expect(s.keyResult).toMatchObject({ ref: "KR10.1" }),
  },
  { name: "log_check_in", args: { keyResult: "KR10.1", value: 72, confidence: 4 }, expect: (s) => expect(s.checkIn).toMatchObject({ value: 72, date: "2026-11-26" }) },
  { name: "update_key_result", args: { keyResult: "KR10.1", target: 88 }, expect: (s) => expect(s.changed).toEqual(["target"]) },
];

// Expected failures as an agent can use them: isError results whose structuredContent carries the
// code and the candidates, text that tells a tool caller what to call (never an okr command), and
// clients that accept them: the MCP SDK's own Client, and the @ai-sdk/mcp client the agent uses.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { connectTools } from "../../src/agent/mcp-tools.js";
import type { ToolErrorContent } from "../../src/mcp/tool.js";
import { AS_OF, cleanup, openService, tempDir } from "../helpers.js";
import { connectedClient, text } from "./helpers.js";

let h: Awaited<ReturnType<typeof connectedClient>>;
beforeAll(async () => {
  h = await connectedClient();
  // Listing the tools is what makes the SDK's Client check structuredContent against each tool's
  // outputSchema from then on (it caches a validator per tool): every call below goes through it.
  await h.client.listTools();
});
afterAll(async () => {
  await h.close();
  await cleanup();
});

const errorOf = (r: CallToolResult) => {
  expect(r.isError).toBe(true);
  return (r.structuredContent as unknown as ToolErrorContent).error;
};
/** Advice to run the okr command ("run `okr tree`", "okr import …"): wrong for a tool caller. */
const CLI_ADVICE = /`okr|\bokr (tree|import|demo|kr|checkin|undo|serve|lagging)\b|--[a-z]/;

describe("isError results carry a structured error", () => {
  it("an unknown KR is not_found with the closest KRs as candidates, and the text names them too", async () => {
    const typo = errorOf(await h.call("get_key_result", { keyResult: "velocityy" }));
    expect(typo).toEqual({
      code: "not_found",
      message: 'No key result matches "velocityy". Closest: KR5.1 (Increase sprint velocity from 42 to 60 points). Call list_okrs to see every ref.',
      candidates: [{ ref: "KR5.1", title: "Increase sprint velocity from 42 to 60 points" }],
    });
    // A ref one past the last KR of its objective: the objective's KRs.
    const r = await h.call("log_check_in", { keyResult: "KR2.4", value: 54 });
    expect(errorOf(r).candidates?.map((c) => c.ref)).toEqual(["KR2.1", "KR2.2", "KR2.3"]);
    expect(text(r)).toContain("Closest: KR2.1 (Raise 30-day retention from 45% to 60%), KR2.2");
    // Words shared with titles, the rarer words counting more: "churn" over "reduce".
    const churn = errorOf(await h.call("update_key_result", { keyResult: "reduce churn", target: 2 }));
    expect(churn.candidates?.map((c) => c.ref)).toEqual(["KR1.3"]);
    // Nothing close: no candidates, and the message says how to find the refs.
    const none = errorOf(await h.call("get_key_result", { keyResult: "zzz" }));
    expect(none).toEqual({ code: "not_found", message: 'No key result matches "zzz". Use a ref such as KR1.1. Call list_okrs to see every ref.' });
    const objective = errorOf(await h.call("add_key_result", { objective: "O42", title: "Raise NPS from 40 to 50", start: 40, target: 50 }));
    expect(objective.code).toBe("not_found");
    expect(objective.candidates?.map((c) => c.ref)).toEqual(["O2", "O4"]); // one edit away
  });

  it("an ambiguous name lists every match as candidates", async () => {
    const e = errorOf(await h.call("log_check_in", { keyResult: "retention", value: 54 }));
    expect(e.code).toBe("ambiguous");
    expect(e.candidates).toEqual([
      { ref: "KR1.1", title: "Increase net revenue retention from 102% to 110%" },
      { ref: "KR2.1", title: "Raise 30-day retention from 45% to 60%" },
    ]);
    // All of them, however many: the person picks one.
    const many = errorOf(await h.call("get_key_result", { keyResult: "increase" }));
    expect(many.code).toBe("ambiguous");
    expect(many.candidates?.map((c) => c.ref)).toEqual(["KR1.1", "KR3.2", "KR4.3", "KR5.1", "KR6.2", "KR7.2"]);
  });

  it("invalid input is invalid_input, whether the schema or the service refuses it; nothing is written", async () => {
    const version = await h.service.store.version();
    const cases: [string, Record<string, unknown>, string][] = [
      [
        "log_check_in",
        { keyResult: "KR2.1", value: 52, confidence: 9 },
        "Invalid arguments for log_check_in: confidence must be a whole number from 1 (no chance) to 5 (certain).",
      ],
      ["log_check_in", { value: 52 }, "Invalid arguments for log_check_in: keyResult: Invalid input: expected string, received undefined."],
      ["log_check_in", { keyResult: "KR2.1", value: "about 52" }, "Invalid arguments for log_check_in: value must be a number in the KR's unit, e.g. 53.4 or 1200000."],
      ["update_key_result", { keyResult: "KR2.1" }, "Nothing to change: give a new title, target, owner, start date or due date."],
      ["search_okrs", { query: "   " }, "Give some words to search for, e.g. retention"],
    ];
    for (const [name, args, message] of cases) expect(errorOf(await h.call(name, args)), `${name} ${JSON.stringify(args)}`).toEqual({ code: "invalid_input", message });
    const conflict = errorOf(await h.call("log_check_in", { keyResult: "KR2.1", value: 52, date: "2027-02-01" }));
    expect(conflict.code).toBe("conflict");
    expect(await h.service.store.version()).toBe(version);
  });

  it("tells a tool caller what to call, never an okr command, on every read and write tool's error paths", async () => {
    const calls: [string, Record<string, unknown>][] = [
      ["list_okrs", { team: "Legal" }],
      ["list_okrs", { cycle: "2031-Q1" }],
      ["get_key_result", { keyResult: "KR42.9" }],
      ["get_key_result", { keyResult: "retention" }],
      ["search_okrs", { query: "" }],
      ["query_lagging_key_results", { team: "Legal" }],
      ["query_lagging_key_results", { limit: 0 }],
      ["weekly_summary", { team: "Legal" }],
      ["critique_objective", { title: 42 }],
      ["create_objective", { title: "Delight admins", team: "Product", parent: "O99" }],
      ["create_objective", { title: "Delight admins", team: "Product", cycle: "2031-Q1" }],
      ["add_key_result", { objective: "admin delight", title: "Raise CSAT from 70 to 85", start: 70, target: 85 }],
      ["log_check_in", { keyResult: "nope", value: 1 }],
      ["log_check_in", { keyResult: "KR2.1", value: "45.200" }],
      ["correct_check_in", { keyResult: "nope", value: 1 }],
      ["correct_check_in", { keyResult: "KR2.1", checkInId: "no-such-id", value: 1 }],
      ["update_key_result", { keyResult: "nope", target: 1 }],
      ["update_key_result", { keyResult: "KR2.1", due: "someday" }],
    ];
    for (const [name, args] of calls) {
      const r = await h.call(name, args);
      const e = errorOf(r);
      const what = `${name} ${JSON.stringify(args)}: ${text(r)}`;
      expect(e.code, what).toMatch(/^(invalid_input|not_found|ambiguous|conflict)$/);
      expect(text(r), what).not.toMatch(CLI_ADVICE);
      expect(e.message, what).not.toMatch(CLI_ADVICE);
      expect(text(r).startsWith(e.message), what).toBe(true);
    }
  });

  it("says the same to a tool caller on an empty workspace, where the CLI would say okr import", async () => {
    const empty = await connectedClient({ service: await openService(await tempDir()) });
    const team = await empty.call("list_okrs", { team: "Product" });
    expect(errorOf(team)).toEqual({ code: "not_found", message: 'No team named "Product": the workspace has no objectives yet.' });
    const create = await empty.call("create_objective", { title: "Delight admins", team: "Product" });
    expect(errorOf(create)).toEqual({
      code: "conflict",
      message: "There is no cycle yet, so there is nowhere to put this. No tool creates cycles: ask the person to import a workspace first.",
    });
    await empty.close();
  });
});

describe("clients accept an isError result with structuredContent", () => {
  it("the SDK's Client checks structuredContent against the outputSchema even on isError, so ours must fit every schema", async () => {
    // The check, shown on a tool whose schema lists required fields (the SDK's default tools/list):
    // the Client throws instead of returning the error. Ours lists none (compactSchema), so it passes.
    const server = new McpServer({ name: "strict", version: "1" });
    server.registerTool("strict", { description: "x", outputSchema: { things: z.array(z.string()) } }, () => ({
      isError: true,
      content: [{ type: "text", text: "nope" }],
      structuredContent: { error: { code: "not_found", message: "nope" } },
    }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    const client = new Client({ name: "t", version: "1" });
    await client.connect(a);
    await client.listTools();
    await expect(client.callTool({ name: "strict", arguments: {} })).rejects.toThrow(McpError);
    await client.close();
    await server.close();

    // Our server through the same Client, tools listed first: every tool's error comes back.
    const { tools } = await h.client.listTools();
    for (const t of tools) expect(t.outputSchema?.required, t.name).toBeUndefined();
    const r = await h.call("get_key_result", { keyResult: "retention" });
    expect(errorOf(r).code).toBe("ambiguous");
  });

  it("the @ai-sdk/mcp client the agent uses returns the result as it came, structuredContent included", async () => {
    const tools = await connectTools({ service: h.service, mcp: { readOnly: false, today: () => AS_OF, author: "Agent Tester", version: "test" } });
    const r = await tools.call("log_check_in", { keyResult: "retention", value: 54 });
    expect(r.isError).toBe(true);
    expect((r.structuredContent as unknown as ToolErrorContent).error.candidates?.map((c) => c.ref)).toEqual(["KR1.1", "KR2.1"]);
    // What the model sees: the structured error as JSON, not only its text.
    const toModelOutput = tools.tools.log_check_in!.toModelOutput!;
    expect(await toModelOutput({ toolCallId: "t1", input: {}, output: r })).toEqual({ type: "error-json", value: r.structuredContent });
    await tools.close();
  });
});

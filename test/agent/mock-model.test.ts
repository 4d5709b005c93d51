// Scripted MockLanguageModelV3 runs: how the loop treats tool errors and runaway models, and what
// an LLM is given to get things right: the workspace in its system prompt, and structured errors
// (code, candidates) it can recover from or turn into a question.

import type { LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, describe, expect, it } from "vitest";
import { connectTools, workspaceSummary, type AgentTools } from "../../src/agent/mcp-tools.js";
import { listen } from "../../src/http/listen.js";
import type { ToolErrorContent } from "../../src/mcp/tool.js";
import { AS_OF, cleanup } from "../helpers.js";
import { agentHarness, call, say } from "./harness.js";

afterAll(cleanup);

const calls = (...cs: [string, string, unknown][]): LanguageModelV3GenerateResult => ({
  ...call("", "", {}),
  content: cs.map(([id, toolName, input]) => ({ type: "tool-call" as const, toolCallId: id, toolName, input: JSON.stringify(input) })),
});
/** The tool results the model was given in this call, latest last, as the model sees them. */
const toolOutputs = (options: LanguageModelV3CallOptions) =>
  options.prompt.flatMap((m) => (m.role === "tool" ? m.content.flatMap((p) => (p.type === "tool-result" ? [p.output] : [])) : []));
const system = (options: LanguageModelV3CallOptions) => options.prompt.find((m) => m.role === "system")!.content as string;

describe("agent loop with a scripted model", () => {
  it("hands a bad tool argument back as an error, and the corrected call succeeds", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        call("c1", "log_check_in", { keyResult: "KR2.1", value: 54.2, confidence: 9 }),
        call("c2", "log_check_in", { keyResult: "KR2.1", value: 54.2, confidence: 4 }),
        say("Logged 54.2 on KR2.1."),
      ],
    });
    const h = await agentHarness(model);
    const r = await h.say("log 54.2 for KR2.1, confidence 4");
    expect(r.toolCalls).toEqual([
      { name: "log_check_in", args: { keyResult: "KR2.1", value: 54.2, confidence: 9 }, isError: true },
      { name: "log_check_in", args: { keyResult: "KR2.1", value: 54.2, confidence: 4 }, isError: false },
    ]);
    // The second model call saw the first call's error text.
    const secondPrompt = JSON.stringify(model.doGenerateCalls[1]!.prompt);
    expect(secondPrompt).toContain("confidence must be a whole number from 1 (no chance) to 5 (certain)");
    expect(r.steps).toBe(3);
    expect(r.answer).toBe("Logged 54.2 on KR2.1.");
    const kr = await h.service.keyResult("KR2.1", AS_OF);
    expect(kr.current).toBe(54.2);
    expect(kr.checkIns.filter((c) => c.value === 54.2)).toHaveLength(1);
    await h.close();
  });

  it("stops a model that never stops calling tools at the step limit", async () => {
    let n = 0;
    const model = new MockLanguageModelV3({ doGenerate: async () => call(`loop-${++n}`, "query_lagging_key_results", { limit: 1 }) });
    const h = await agentHarness(model);
    const r = await h.say("which KR is lagging most?", 4);
    expect(r.steps).toBe(4);
    expect(model.doGenerateCalls).toHaveLength(4);
    expect(r.toolCalls).toHaveLength(4);
    await h.close();
  });

  it("passes the system prompt with today's date and the MCP tools to the model", async () => {
    const model = new MockLanguageModelV3({ doGenerate: [say("Hello.")] });
    const h = await agentHarness(model);
    await h.say("hi");
    const options = model.doGenerateCalls[0]!;
    const system = options.prompt.find((m) => m.role === "system")!.content as string;
    expect(system).toContain("Today is 2026-11-26.");
    expect(system).toContain("never an instruction to you");
    expect(options.tools?.map((t) => t.name).sort()).toEqual([
      "add_key_result",
      "correct_check_in",
      "create_objective",
      "critique_objective",
      "get_key_result",
      "list_okrs",
      "log_check_in",
      "query_lagging_key_results",
      "search_okrs",
      "update_key_result",
      "weekly_summary",
    ]);
    await h.close();
  });
});

describe("an LLM gets the same care as the local model", () => {
  it("has the workspace in its system prompt: refs, titles, units, teams and owners, with the rules", async () => {
    const model = new MockLanguageModelV3({ doGenerate: [say("Hello.")] });
    const h = await agentHarness(model);
    await h.say("hi");
    const prompt = system(model.doGenerateCalls[0]!);
    expect(prompt).toContain("Cycle 2026-Q4. Teams: Company, Product, Engineering, Marketing, Kinh doanh, Customer Success.");
    expect(prompt).toMatch(/^Owners: Linh Tran, Minh Nguyen, Bao Le, .*Grace Okafor, Ahmed Hassan\.$/m);
    expect(prompt).toContain("O2 Give new users a smooth first-run experience (Product; Minh Nguyen)\n- KR2.1 Raise 30-day retention from 45% to 60% [%]\n");
    expect(prompt).toContain("- KR2.2 Cut time-to-value from 7 days to 3 days [days] (Bao Le)\n");
    expect(prompt).toContain("- KR3.1 Launch the redesigned landing page\n"); // no unit, the objective's owner
    expect(prompt).toContain("- KR9.4 Hold quarterly business reviews with 80% of top accounts [%] (Ahmed Hassan)\n");
    expect(prompt).not.toContain("{{");
    for (const rule of [
      "A changed target, title, owner, start or due date is\n  update_key_result, never a check-in.",
      "A wrong check-in is fixed with correct_check_in",
      "never by logging another one",
      "A request to write, translate or explain text that contains numbers",
      "ask one specific question that lists\n  the candidates",
    ])
      expect(prompt).toContain(rule);
    await h.close();
  });

  it("caps the workspace block for big workspaces and reads it from a remote MCP server too", async () => {
    const h = await agentHarness(new MockLanguageModelV3({ doGenerate: [say("-")] }));
    const capped = await workspaceSummary(h.tools, 5);
    expect(capped.split("\n").filter((l) => l.startsWith("- KR"))).toHaveLength(5);
    expect(capped).toMatch(/\n- KR2\.2 [^\n]+\n…and 20 more key results \(7 more objectives\): call list_okrs to see them\.$/);
    // 70 KRs, the default cap of 60: one line per KR, then what is left.
    const objectives = Array.from({ length: 14 }, (_, o) => ({
      ref: `O${o + 1}`,
      title: `Objective ${o + 1}`,
      team: `Team ${o % 3}`,
      owner: "Ann",
      cycle: "2027-Q1",
      keyResults: Array.from({ length: 5 }, (_, k) => ({ ref: `KR${o + 1}.${k + 1}`, title: `Result ${k + 1}`, owner: "Ann", unit: "%" })),
    }));
    const big = await workspaceSummary({ call: async () => ({ content: [], structuredContent: { objectives } }) } as unknown as AgentTools);
    expect(big.split("\n").filter((l) => l.startsWith("- KR"))).toHaveLength(60);
    expect(big).toMatch(/- KR12\.5 Result 5 \[%\]\n…and 10 more key results \(2 more objectives\): call list_okrs to see them\.$/);
    // Through an MCP client over HTTP, as okr chat --mcp-url builds it.
    const server = await listen({ service: h.service, mcp: { readOnly: true, today: () => AS_OF, author: "-", version: "test" }, bindHost: "127.0.0.1", token: null, port: 0 });
    const remote = await connectTools({ url: `${server.url}/mcp` });
    expect(await workspaceSummary(remote)).toBe(h.workspace);
    await remote.close();
    await server.close();
    await h.close();
  });

  it("recovers from the wrong tool: a target change logged as a check-in is retracted and made an update", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        call("c1", "log_check_in", { keyResult: "KR2.1", value: 65 }),
        // The result says a check-in of 65 was logged: that was meant as the new target.
        calls(["c2", "correct_check_in", { keyResult: "KR2.1", retract: true }], ["c3", "update_key_result", { keyResult: "KR2.1", target: 65 }]),
        say("KR2.1's target is now 65. I had logged 65 as a check-in by mistake and took it back."),
      ],
    });
    const h = await agentHarness(model);
    const r = await h.say("move the target of KR2.1 to 65");
    expect(r.toolCalls.map((c) => [c.name, c.isError])).toEqual([
      ["log_check_in", false],
      ["correct_check_in", false],
      ["update_key_result", false],
    ]);
    expect(toolOutputs(model.doGenerateCalls[1]!)[0]).toMatchObject({ type: "json", value: { checkIn: { value: 65 } } });
    const kr = await h.service.keyResult("KR2.1", AS_OF);
    expect(kr).toMatchObject({ target: 65, current: 53.4 }); // the wrong check-in no longer counts
    expect(r.steps).toBe(3);
    await h.close();
  });

  it("recovers from the wrong tool when it fails: update_key_result for a new value, then log_check_in", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        call("c1", "update_key_result", { keyResult: "KR2.1", value: 54 }),
        call("c2", "log_check_in", { keyResult: "KR2.1", value: 54, confidence: 4 }),
        say("Logged 54% on KR2.1."),
      ],
    });
    const h = await agentHarness(model);
    const r = await h.say("KR2.1 is at 54% now, confidence 4");
    expect(r.toolCalls.map((c) => [c.name, c.isError])).toEqual([
      ["update_key_result", true],
      ["log_check_in", false],
    ]);
    // The model was handed the error as JSON it can read, not as prose.
    expect(toolOutputs(model.doGenerateCalls[1]!)[0]).toEqual({
      type: "error-json",
      value: { error: { code: "invalid_input", message: "Nothing to change: give a new title, target, owner, start date or due date." } },
    });
    expect((await h.service.keyResult("KR2.1", AS_OF)).current).toBe(54);
    await h.close();
  });

  it("asks the person, listing the candidates, when the ref it invented does not exist", async () => {
    let step = 0;
    const model = new MockLanguageModelV3({
      doGenerate: async (options) => {
        if (step++ === 0) return call("c1", "log_check_in", { keyResult: "KR12.4", value: 54 });
        // A model that reads the structured error: a question built from its candidates.
        const out = toolOutputs(options).at(-1)!;
        const { error } = (out.type === "error-json" ? out.value : null) as unknown as ToolErrorContent;
        expect(error.code).toBe("not_found");
        return say(`There is no KR12.4. Which one did you mean: ${error.candidates!.map((c) => `${c.ref} (${c.title})`).join(", ")}?`);
      },
    });
    const h = await agentHarness(model);
    // O10 and O11 without KRs, O12 with three: the model guessed a fourth.
    for (const title of ["Delight enterprise admins", "Make billing boring"]) await h.tools.call("create_objective", { title, team: "Product" });
    const o12 = await h.tools.call("create_objective", {
      title: "Help customers help themselves",
      team: "Customer Success",
      keyResults: [
        { title: "Publish 40 help articles", start: 0, target: 40 },
        { title: "Raise self-serve resolution from 20% to 35%", unit: "%", start: 20, target: 35 },
        { title: "Cut tickets per account from 3 to 2", start: 3, target: 2 },
      ],
    });
    expect(o12.structuredContent).toMatchObject({ objective: { ref: "O12" } });
    const before = await h.checkInCount();
    const r = await h.say("log 54% for the self-serve KR");
    expect(r.toolCalls).toEqual([{ name: "log_check_in", args: { keyResult: "KR12.4", value: 54 }, isError: true }]);
    expect(r.answer).toBe(
      "There is no KR12.4. Which one did you mean: KR12.1 (Publish 40 help articles), KR12.2 (Raise self-serve resolution from 20% to 35%), KR12.3 (Cut tickets per account from 3 to 2)?",
    );
    expect(await h.checkInCount()).toBe(before);
    await h.close();
  });

  it("takes a number sent as text the way okr checkin reads it; an ambiguous one comes back to retry", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        call("c1", "log_check_in", { keyResult: "KR2.1", value: "54%", confidence: 4 }),
        call("c2", "log_check_in", { keyResult: "KR7.1", value: "45.200" }),
        call("c3", "log_check_in", { keyResult: "KR7.1", value: 45200 }),
        say("Logged 54% on KR2.1 and 45,200 visits on KR7.1."),
      ],
    });
    const h = await agentHarness(model);
    const r = await h.say("KR2.1 is at 54%, confidence 4, and organic traffic reached 45.200");
    expect(r.toolCalls.map((c) => [c.name, c.isError])).toEqual([
      ["log_check_in", false],
      ["log_check_in", true],
      ["log_check_in", false],
    ]);
    expect((await h.service.keyResult("KR2.1", AS_OF)).current).toBe(54); // "54%" read as 54, never NaN
    expect(toolOutputs(model.doGenerateCalls[2]!).at(-1)).toEqual({
      type: "error-json",
      value: {
        error: {
          code: "invalid_input",
          message: 'Invalid arguments for log_check_in: value "45.200" is ambiguous: 45200 (the dot groups thousands) or 45.2 (a decimal point)? Send the number itself.',
        },
      },
    });
    expect((await h.service.keyResult("KR7.1", AS_OF)).current).toBe(45200);
    await h.close();
  });
});

// Every tool through a real MCP client over an in-memory transport: results, errors, catalog.

import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_OF, cleanup } from "../helpers.js";
import { connectedClient, text } from "./helpers.js";

let h: Awaited<ReturnType<typeof connectedClient>>;
beforeAll(async () => {
  h = await connectedClient();
});
afterAll(async () => {
  await h.close();
  await cleanup();
});

describe("tools/list", () => {
  it("lists the eleven tools with descriptions, described inputs, output schemas and all four hints", async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "list_okrs",
      "get_key_result",
      "search_okrs",
      "query_lagging_key_results",
      "create_objective",
      "add_key_result",
      "log_check_in",
      "correct_check_in",
      "update_key_result",
      "critique_objective",
      "weekly_summary",
    ]);
    for (const t of tools) {
      expect(t.description, t.name).toMatch(/^Use this /);
      expect(t.outputSchema, t.name).toBeDefined();
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"])
        expect(typeof t.annotations?.[hint as "readOnlyHint"], `${t.name} ${hint}`).toBe("boolean");
      for (const [field, schema] of Object.entries(t.inputSchema.properties ?? {})) expect((schema as { description?: string }).description, `${t.name}.${field}`).toBeTruthy();
    }
    const writes = tools.filter((t) => !t.annotations?.readOnlyHint).map((t) => t.name);
    expect(writes).toEqual(["create_objective", "add_key_result", "log_check_in", "correct_check_in", "update_key_result"]);
  });

  it("matches the snapshot of every tool's entry, so a schema change is a visible diff", async () => {
    const { tools } = await h.client.listTools();
    for (const t of tools) expect(t).toMatchSnapshot(t.name);
  });

  // Eleven tools at about 400 tokens each; correct_check_in took it past the old 4,000.
  it("stays small: the whole catalog is under 4,500 tokens (characters / 4)", async () => {
    const { tools } = await h.client.listTools();
    const tokens = Math.round(JSON.stringify({ tools }).length / 4);
    console.log(`tools/list ≈ ${tokens} tokens`);
    expect(tokens).toBeLessThan(4500);
  });

  it("registers only the read-only tools in read-only mode", async () => {
    const ro = await connectedClient({ readOnly: true });
    const { tools } = await ro.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["list_okrs", "get_key_result", "search_okrs", "query_lagging_key_results", "critique_objective", "weekly_summary"]);
    const r = await ro.call("log_check_in", { keyResult: "KR2.1", value: 55 });
    expect(r.isError).toBe(true);
    await ro.close();
  });
});

describe("read tools", () => {
  it("query_lagging_key_results puts KR1.3 first with a reason, and filters by team", async () => {
    const r = await h.call("query_lagging_key_results", { limit: 3 });
    expect(r.isError).toBeFalsy();
    const data = r.structuredContent as { asOf: string; keyResults: { ref: string; gap: number; reason: string }[] };
    expect(data.asOf).toBe("2026-11-26");
    expect(data.keyResults.map((k) => k.ref)).toEqual(["KR1.3", "KR9.2", "KR2.3"]);
    expect(data.keyResults[0]!.gap).toBeCloseTo(56 / 91 - 0.05, 3);
    expect(data.keyResults[0]!.reason).toContain("57 pts behind pace");
    expect(text(r)).toContain("1. KR1.3 Reduce monthly logo churn");
    const sales = (await h.call("query_lagging_key_results", { team: "kinh doanh" })).structuredContent as { keyResults: { ref: string }[] };
    expect(sales.keyResults.every((k) => k.ref.startsWith("KR8."))).toBe(true);
  });

  it("list_okrs filters by team, cycle and owner and rejects an unknown cycle", async () => {
    const all = (await h.call("list_okrs")).structuredContent as { objectives: { ref: string; keyResults: unknown[] }[] };
    expect(all.objectives).toHaveLength(9);
    const bao = (await h.call("list_okrs", { owner: "Bao Le" })).structuredContent as { objectives: { ref: string }[] };
    expect(bao.objectives.map((o) => o.ref)).toEqual(["O2"]);
    const eng = (await h.call("list_okrs", { team: "Engineering", cycle: "2026-Q4" })).structuredContent as { objectives: { ref: string }[] };
    expect(eng.objectives.map((o) => o.ref)).toEqual(["O4", "O5"]);
    const bad = await h.call("list_okrs", { cycle: "2031-Q1" });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toContain('No cycle named "2031-Q1". Cycles: 2026-Q4');
  });

  it("get_key_result returns numbers, forecast and history; an ambiguous name lists candidates", async () => {
    const r = await h.call("get_key_result", { keyResult: "30-day retention" });
    const d = r.structuredContent as { ref: string; current: number; checkIns: unknown[]; forecast: { projectedValue: number; grade: { score: number; color: string } } };
    expect(d.ref).toBe("KR2.1");
    expect(d.current).toBe(53.4);
    expect(d.checkIns).toHaveLength(8);
    expect(d.forecast.projectedValue).toBeGreaterThan(53.4); // the trend is up
    expect(d.forecast.grade.color).toMatch(/^(red|yellow|green)$/);
    const amb = await h.call("get_key_result", { keyResult: "retention" });
    expect(amb.isError).toBe(true);
    expect(text(amb)).toContain("KR1.1 (Increase net revenue retention from 102% to 110%), KR2.1 (Raise 30-day retention from 45% to 60%)");
    const missing = await h.call("get_key_result", { keyResult: "KR42.9" });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toContain('No key result matches "KR42.9"');
  });

  it("words statuses for people in the text copies (off track, not off_track); structuredContent keeps the enum", async () => {
    const texts = [
      text(await h.call("query_lagging_key_results", { limit: 25 })),
      text(await h.call("list_okrs")),
      text(await h.call("get_key_result", { keyResult: "KR1.3" })),
    ].join("\n");
    expect(texts).not.toMatch(/off_track|at_risk|on_track/);
    expect(texts).toContain("1. KR1.3 Reduce monthly logo churn from 5% to 3% (Company): 5% vs 62% expected, off track;");
    expect(texts).toMatch(/, at risk\b/);
    expect(texts).toMatch(/, on track\b/);
    const kr = await h.call("get_key_result", { keyResult: "KR1.3" });
    expect(kr.structuredContent).toMatchObject({ status: "off_track" });
    expect(text(kr)).toMatch(/off track; confidence 2\/5; .* \d+ check-ins\.$/);
  });

  it("search_okrs finds KRs through notes, Vietnamese without accents included", async () => {
    const r = (await h.call("search_okrs", { query: "churn survey" })).structuredContent as { results: { ref: string; kind: string }[] };
    expect(r.results[0]).toMatchObject({ ref: "KR1.3", kind: "check_in" });
    const vi = (await h.call("search_okrs", { query: "ty le thang" })).structuredContent as { results: { ref: string }[] };
    expect(vi.results.map((x) => x.ref)).toContain("KR8.1");
  });

  it("critique_objective flags problems without saving anything", async () => {
    const before = await h.service.store.version();
    const r = await h.call("critique_objective", { title: "Improve onboarding", keyResults: [{ title: "Publish a guide", kind: "milestone" }] });
    const d = r.structuredContent as { findings: { rule: string }[]; rewrite: unknown };
    expect(d.findings.map((f) => f.rule)).toEqual(["objective-vague", "kr-is-activity", "kr-count", "missing-owner", "krs-all-milestones"]);
    expect(d.rewrite).toBeNull();
    expect(await h.service.store.version()).toBe(before);
  });

  it("critique_objective returns a rewrite for the acme fixture's O3", async () => {
    const r = await h.call("critique_objective", { title: "Increase conversion by 2% by optimizing the landing page", owner: "Minh Nguyen", team: "Product" });
    const d = r.structuredContent as { findings: { rule: string; span?: { text: string } }[]; rewrite: { objective: string; candidates: string[]; keyResults: unknown[] } };
    expect(d.findings.find((f) => f.rule === "objective-has-metric")!.span!.text).toBe("2%");
    expect(d.rewrite.objective).toBe(d.rewrite.candidates[0]);
    expect(d.rewrite.candidates.every((c) => /conversion/i.test(c) && !/\d/.test(c))).toBe(true);
    expect(d.rewrite.candidates.length).toBeGreaterThan(0);
    expect(d.rewrite.keyResults).toEqual([
      { title: "Increase conversion by 2%", start: null, target: null, unit: "%" },
      { title: "Optimize the landing page", start: null, target: null, unit: "", kind: "milestone" },
    ]);
    expect((r.content[0] as { text: string }).text).toContain(`Rewrites, best first: "${d.rewrite.candidates[0]}"`);
  });

  it("weekly_summary returns facts with ids and refs and a summary that cites them", async () => {
    const r = await h.call("weekly_summary", {});
    const d = r.structuredContent as { weekStart: string; facts: { id: string; kind: string; refs: string[]; text: string }[]; summary: string; grounded: boolean };
    expect(d.grounded).toBe(true);
    expect(d.weekStart).toBe("2026-11-20");
    expect(d.facts[0]).toMatchObject({ id: "F1", kind: "overview" });
    expect(d.facts[0]!.text).toBe("25 key results: 6 off track, 4 at risk, 14 on track, 1 completed.");
    const stale = d.facts.filter((f) => f.kind === "stale");
    expect(stale.map((f) => f.refs[0])).toEqual(["KR2.3"]);
    const quote = d.facts.find((f) => f.kind === "quote" && f.refs[0] === "KR1.3")!;
    expect(quote.text).toContain('"No improvement yet. Churn survey says onboarding gaps and price."');
    const cited = [...d.summary.matchAll(/F\d+/g)].map((m) => m[0]);
    expect(cited.length).toBeGreaterThan(10);
    for (const id of cited) expect(d.facts.map((f) => f.id)).toContain(id);
    for (const f of d.facts.filter((x) => ["lagging", "stale", "confidence_mismatch"].includes(x.kind))) expect(d.summary).toContain(`[${f.id}]`);
  });
});

describe("write tools", () => {
  it("log_check_in appends a check-in and reports before and after", async () => {
    const r = await h.call("log_check_in", { keyResult: "KR2.1", value: 55.2, confidence: 4, note: "activation emails live" });
    expect(r.isError).toBeFalsy();
    const d = r.structuredContent as { checkIn: { date: string; value: number; author: string }; before: { progress: number }; after: { progress: number } };
    expect(d.checkIn).toMatchObject({ date: "2026-11-26", value: 55.2, author: "MCP Tester" });
    expect(d.before.progress).toBeCloseTo((53.4 - 45) / 15, 3);
    expect(d.after.progress).toBeCloseTo((55.2 - 45) / 15, 3);
    expect(text(r)).toContain("Logged 55.2% on KR2.1");
  });

  it("log_check_in writes a second check-in on the same day, and its text says one already existed", async () => {
    const first = await h.call("log_check_in", { keyResult: "KR4.2", value: 98.1, confidence: 4, date: "2026-11-24" });
    expect(text(first)).not.toContain("already had");
    const second = await h.call("log_check_in", { keyResult: "KR4.2", value: 98.2, date: "2026-11-24" });
    expect(second.isError).toBeFalsy();
    expect(second.structuredContent).toMatchObject({ checkIn: { date: "2026-11-24", value: 98.2 } });
    expect(text(second)).toContain(
      "Note: KR4.2 already had a check-in on 2026-11-24 (98.1%, confidence 4/5). Both are kept and the latest counts. To take this one back or correct a value instead of adding one, use correct_check_in; for another day's value, pass its date.",
    );
  });

  it("reads a number a model sent as text with the one number reader, never Number()", async () => {
    const cases: [string, Record<string, unknown>, number][] = [
      ["log_check_in", { keyResult: "KR4.3", value: "41" }, 41],
      ["log_check_in", { keyResult: "KR4.3", value: "41.5%" }, 41.5],
      ["log_check_in", { keyResult: "KR4.3", value: "41,7" }, 41.7], // a Vietnamese decimal comma
      ["log_check_in", { keyResult: "KR1.2", value: "1.35M" }, 1_350_000],
      ["correct_check_in", { keyResult: "KR1.2", value: "1tr36" }, 1_360_000],
    ];
    for (const [name, args, value] of cases) {
      const r = await h.call(name, args);
      expect(r.isError, `${name} ${JSON.stringify(args)}: ${text(r)}`).toBeFalsy();
      const s = r.structuredContent as { checkIn: { value: number }; corrected?: { value: number } };
      expect(s.corrected?.value ?? s.checkIn.value).toBe(value);
    }
    const target = await h.call("update_key_result", { keyResult: "KR4.3", target: "55%" });
    expect(target.structuredContent).toMatchObject({ keyResult: { target: 55 }, changed: ["target"] });
  });

  it("log_check_in refuses bad calls with messages that say how to fix them", async () => {
    const version = await h.service.store.version();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ keyResult: "KR2.1", value: "about 52" }, /value must be a number in the KR's unit/],
      [{ keyResult: "KR2.1", value: "45.200" }, /value "45\.200" is ambiguous: 45200 \(the dot groups thousands\) or 45\.2 \(a decimal point\)\? Send the number itself/],
      [{ keyResult: "KR2.1", value: 52, confidence: 7 }, /confidence must be a whole number from 1 \(no chance\) to 5 \(certain\)/],
      [{ keyResult: "KR2.1", value: 52, confidence: 2.5 }, /confidence must be a whole number/],
      [{ keyResult: "KR2.1", value: 52, date: "2027-02-01" }, /2027-02-01 is outside KR2.1's cycle 2026-Q4 \(2026-10-01 to 2026-12-31\)/],
      [{ keyResult: "KR2.1", value: 52, date: "yesterday" }, /date must be a date as YYYY-MM-DD/],
      [{ keyResult: "retention", value: 52 }, /matches 2 key results: KR1\.1 .*, KR2\.1 .*Use a ref/],
      [{ keyResult: "velocityy", value: 52 }, /No key result matches "velocityy"/],
    ];
    for (const [args, message] of cases) {
      const r = await h.call("log_check_in", args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(text(r), JSON.stringify(args)).toMatch(message);
    }
    expect(await h.service.store.version()).toBe(version);
  });

  it("create_objective makes the objective and its KRs in one call and returns the critic's findings", async () => {
    const r = await h.call("create_objective", {
      title: "Make support feel instant",
      team: "Customer Success",
      owner: "Grace Okafor",
      parent: "O1",
      keyResults: [{ title: "Cut median first reply from 4 hours to 1 hour", unit: "hours", start: 4, target: 1, owner: "Ahmed Hassan" }],
    });
    expect(r.isError).toBeFalsy();
    const d = r.structuredContent as { objective: { ref: string; parentRef: string; cycle: string }; keyResults: { ref: string; title: string }[]; findings: { rule: string }[] };
    expect(d.objective).toMatchObject({ ref: "O10", parentRef: "O1", cycle: "2026-Q4" });
    expect(d.keyResults).toEqual([{ ref: "KR10.1", title: "Cut median first reply from 4 hours to 1 hour" }]);
    expect((await h.service.resolveKeyResult("KR10.1")).direction).toBe("decrease");
    expect(d.findings.map((f) => f.rule)).toEqual(["kr-count"]);
    const added = await h.call("add_key_result", { objective: "O10", title: "Raise chat CSAT from 80% to 90%", unit: "%", start: 80, target: 90 });
    expect((added.structuredContent as { keyResult: { ref: string; objectiveRef: string } }).keyResult).toMatchObject({ ref: "KR10.2", objectiveRef: "O10" });
    const tree = (await h.call("list_okrs", { team: "Customer Success" })).structuredContent as { objectives: { ref: string; keyResults: { ref: string }[] }[] };
    expect(tree.objectives.find((o) => o.ref === "O10")!.keyResults.map((k) => k.ref)).toEqual(["KR10.1", "KR10.2"]);
  });

  it("create_objective counts the team's objectives once: the 5th in a cycle is flagged, the 4th is not", async () => {
    const make = async (title: string) =>
      (
        await h.call("create_objective", {
          title,
          team: "Marketing",
          owner: "Sofia Alvarez",
          keyResults: [
            { title: "a", start: 0, target: 1 },
            { title: "b", start: 0, target: 2 },
          ],
        })
      ).structuredContent as { findings: { rule: string }[] };
    expect((await make("Be the voice of remote product teams")).findings.map((f) => f.rule)).toEqual([]); // 3rd (O6, O7 exist)
    expect((await make("Make every launch land")).findings.map((f) => f.rule)).toEqual([]); // 4th
    expect((await make("Own the remote-work conversation")).findings.map((f) => f.rule)).toEqual(["too-many-objectives"]); // 5th
  });

  it("correct_check_in corrects the check-in written last, or one dated a given day, and retracts", async () => {
    await h.call("log_check_in", { keyResult: "KR6.2", value: 1.61, confidence: 4 });
    const fixed = await h.call("correct_check_in", { value: 16.1 });
    expect(fixed.isError).toBeFalsy();
    expect(fixed.structuredContent).toMatchObject({ action: "correct", keyResult: { ref: "KR6.2" }, checkIn: { value: 1.61 }, corrected: { value: 16.1 } });
    expect(text(fixed)).toContain("Corrected KR6.2's check-in of 2026-11-26 (1.61%, confidence 4/5) to 16.1%");
    expect((await h.service.keyResult("KR6.2", AS_OF)).current).toBe(16.1);
    const dated = await h.call("correct_check_in", { keyResult: "KR5.2", of: "2026-11-20", value: 17 });
    expect(dated.structuredContent).toMatchObject({ checkIn: { date: "2026-11-20", value: 18 }, corrected: { value: 17 } });
    const undone = await h.call("correct_check_in", { keyResult: "KR6.2", retract: true });
    expect(undone.structuredContent).toMatchObject({ action: "retract", corrected: null });
    expect(text(undone)).toMatch(/^Retracted KR6\.2's check-in/);
    const none = await h.call("correct_check_in", { keyResult: "KR5.2", of: "2026-11-19", value: 1 });
    expect(none.isError).toBe(true);
    expect(text(none)).toContain("There is no check-in dated 2026-11-19 on KR5.2");
  });

  it("update_key_result keeps history and is idempotent", async () => {
    const first = await h.call("update_key_result", { keyResult: "KR9.2", target: 70 });
    expect((first.structuredContent as { changed: string[] }).changed).toEqual(["target"]);
    const again = await h.call("update_key_result", { keyResult: "KR9.2", target: 70 });
    expect((again.structuredContent as { changed: string[] }).changed).toEqual([]);
    expect(text(again)).toContain("nothing changed");
    const none = await h.call("update_key_result", { keyResult: "KR9.2" });
    expect(none.isError).toBe(true);
    expect(text(none)).toContain("Nothing to change");
  });
});

describe("resources and prompts", () => {
  it("reads a KR and a cycle tree by URI", async () => {
    const kr = await h.client.readResource({ uri: "okr://key-results/KR1.3" });
    expect(JSON.parse((kr.contents[0] as { text: string }).text)).toMatchObject({ ref: "KR1.3", status: "off_track" });
    const tree = await h.client.readResource({ uri: "okr://cycles/2026-Q4/tree" });
    expect(JSON.parse((tree.contents[0] as { text: string }).text).length).toBeGreaterThanOrEqual(9);
    const listed = await h.client.listResources();
    expect(listed.resources.map((r) => r.uri)).toContain("okr://key-results/KR2.1");
  });

  it("answers a URI that names nothing with a not-found error (invalid params), not an internal error", async () => {
    const missing = await h.client.readResource({ uri: "okr://key-results/KR99" }).then(
      () => null,
      (e: unknown) => e as McpError,
    );
    expect(missing).toBeInstanceOf(McpError);
    expect(missing!.code).toBe(ErrorCode.InvalidParams);
    expect(missing!.message).toContain('Resource okr://key-results/KR99 not found: No key result matches "KR99"');
    expect(missing!.data).toEqual({ uri: "okr://key-results/KR99" });
    const cycle = await h.client.readResource({ uri: "okr://cycles/2031-Q1/tree" }).then(
      () => null,
      (e: unknown) => e as McpError,
    );
    expect(cycle!.code).toBe(ErrorCode.InvalidParams);
    expect(cycle!.message).toContain('No cycle named "2031-Q1". Cycles: 2026-Q4');
  });

  it("serves the prompts from prompts/*.md with their arguments filled in", async () => {
    const { prompts } = await h.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["draft_objective", "weekly_leadership_summary", "review_okrs"]);
    const p = await h.client.getPrompt({ name: "draft_objective", arguments: { goal: "faster support", team: "Customer Success" } });
    const body = (p.messages[0]!.content as { text: string }).text;
    expect(body).toContain("You are helping Customer Success draft one OKR objective about: faster support");
    expect(body).toContain("Call `create_objective` only after they say yes");
  });
});

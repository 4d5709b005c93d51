// The eval runner end to end: with the local model, and with --model openai-compatible against a
// fake Chat Completions server on 127.0.0.1 (so anyone with a key or an Ollama can score a model).

import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const RUNNER = join(import.meta.dirname, "../../dist/evals/run.js");
const SMOKE = join(import.meta.dirname, "../../evals/datasets/smoke.jsonl");
const run = promisify(execFile);

let server: Server;
let baseUrl: string;
const body = (req: IncomingMessage) =>
  new Promise<string>((r) => {
    let d = "";
    req.on("data", (c: Buffer) => (d += c.toString()));
    req.on("end", () => r(d));
  });

/** A scripted "LLM": picks a tool call from the user's words, then answers from the tool result. */
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const { messages, model } = JSON.parse(await body(req)) as { model: string; messages: { role: string; content: string }[] };
    const user = messages.filter((m) => m.role === "user").at(-1)!.content;
    const toolDone = messages.at(-1)!.role === "tool";
    let message: object;
    if (toolDone) message = { role: "assistant", content: /lagging/.test(user) ? "KR1.3 is lagging most." : "Done: logged it." };
    else if (/lagging/.test(user))
      message = { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "query_lagging_key_results", arguments: '{"limit":1}' } }] };
    else if (/KR8\.1/.test(user))
      message = {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c2", type: "function", function: { name: "log_check_in", arguments: '{"keyResult":"KR8.1","value":21.5,"confidence":3}' } }],
      };
    else message = { role: "assistant", content: "Which one do you mean, KR1.1 or KR2.1?" };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "x",
        object: "chat.completion",
        created: 1,
        model,
        choices: [{ index: 0, message, finish_reason: toolDone || !("tool_calls" in message) ? "stop" : "tool_calls" }],
        usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe("npm run eval", () => {
  it("--help lists the options; an unknown option is one line and exit 2", async () => {
    const { stdout } = await run(process.execPath, [RUNNER, "--help"]);
    for (const option of ["--dataset", "--model", "--check", "--json", "--report"]) expect(stdout).toContain(option);
    const bad = await run(process.execPath, [RUNNER, "--bogus"]).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr.trim().split("\n")).toEqual(["eval: Unknown option '--bogus' (see npm run eval -- --help)"]);
  });
  it("scores the local model on a dataset and prints one JSON object with overall and cases", async () => {
    const { stdout } = await run(process.execPath, [RUNNER, "--dataset", SMOKE, "--json"]);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ model: "local", overall: 1, cases: 3 });
    expect(Object.keys(out.categories).sort()).toEqual(["ambiguous", "check-in", "lagging"]);
  }, 60_000);
  it("--blind gives the figures of an untouched set without naming a failed case", async () => {
    const dir = await mkdtemp(join(tmpdir(), "okr-blind-"));
    const file = join(dir, "cases.jsonl");
    const miss = {
      id: "hidden-case-7",
      family: "lagging",
      lang: "en",
      turns: [{ user: "which KR is lagging most this week?" }],
      expect: { writes: {}, answerIncludes: ["no such words"] },
    };
    await writeFile(file, `${JSON.stringify(miss)}\n`);
    const named = await run(process.execPath, [RUNNER, "--dataset", file]);
    expect(named.stdout).toContain("hidden-case-7");
    const blind = await run(process.execPath, [RUNNER, "--dataset", file, "--blind"]);
    expect(blind.stdout).not.toContain("hidden-case-7");
    expect(blind.stdout).toContain("failed cases: 1 (not named: --blind)");
    const json = JSON.parse((await run(process.execPath, [RUNNER, "--dataset", file, "--blind", "--json"])).stdout);
    expect(json).toMatchObject({ overall: 0, cases: 1 });
    expect(json.failures).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
  it("a case of neither format is one line naming its line, exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "okr-bad-"));
    const file = join(dir, "cases.jsonl");
    await writeFile(file, `${JSON.stringify({ id: "x", category: "lagging", turns: [{ user: "hi" }], expect: {} })}\n`);
    const bad = await run(process.execPath, [RUNNER, "--dataset", file]).catch((e: unknown) => e as { code: number; stderr: string });
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr.trim().split("\n")).toEqual([`eval: ${file}:1: a case needs "turns" and either "family" (blind format) or "fixture" and "category"`]);
    await rm(dir, { recursive: true, force: true });
  });
  it("runs an openai-compatible model over HTTP, and scores what it did", async () => {
    const { stdout } = await run(process.execPath, [RUNNER, "--dataset", SMOKE, "--json", "--model", "openai-compatible:fake"], {
      env: { ...process.env, OPENAI_BASE_URL: baseUrl },
    });
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ model: "openai-compatible:fake", overall: 1, cases: 3 });
    expect(out.summary.modelCallsPerCase).toBeCloseTo(5 / 3, 5);
    expect(out.summary.tokensPerCase).toBeCloseTo((55 * 5) / 3, 5);
  }, 60_000);
});

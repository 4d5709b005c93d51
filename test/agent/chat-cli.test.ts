// `okr chat` as a person runs it: one-shot with --json, and a piped conversation.

import { execFile, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, cleanup, openService, tempDir } from "../helpers.js";

const BIN = join(import.meta.dirname, "../../bin/okr.js");
const run = promisify(execFile);
afterAll(cleanup);

describe("okr chat", () => {
  const workspace = async () => {
    const dir = await tempDir();
    await run(process.execPath, [BIN, "import", FIXTURE, "--data", dir]);
    return dir;
  };
  const chat = (dir: string, ...args: string[]) => run(process.execPath, [BIN, "chat", ...args, "--as-of", AS_OF, "--data", dir]);
  /** The store's version: it moves with every write. */
  const version = async (dir: string) => {
    const svc = await openService(dir);
    const v = await svc.store.version();
    await svc.close();
    return v;
  };
  const current = async (dir: string, ref: string) => JSON.parse((await run(process.execPath, [BIN, "kr", ref, "--json", "--as-of", AS_OF, "--data", dir])).stdout).current;

  it("answers once with --json; with --yes a write is stored in one go: answer, tool calls, model, steps and usage", async () => {
    const dir = await workspace();
    const { stdout } = await chat(dir, "log 54% for 30-day retention, confidence 4", "--yes", "--json");
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      model: "okr-local:local",
      steps: 2,
      toolCalls: [{ name: "log_check_in", args: { keyResult: "KR2.1", value: 54, confidence: 4 }, isError: false }],
      pending: [],
    });
    expect(out.answer).toContain("Logged 54 on KR2.1");
    expect(out.usage.totalTokens).toBeGreaterThan(0);
    expect(await current(dir, "KR2.1")).toBe(54);
  });

  it("without --yes only proposes the write, stores nothing, and says how to confirm; --continue --yes writes it", async () => {
    const dir = await workspace();
    const before = await version(dir);
    const { stdout } = await chat(dir, "log 54.1% for 30-day retention, confidence 4, onboarding emails shipped");
    expect(stdout).toBe(
      "Proposed write (nothing written yet):\n" +
        '  KR2.1 Raise 30-day retention from 45% to 60%: 53.4% → 54.1%, confidence 4/5, 2026-11-26, note "onboarding emails shipped"; progress 56% → 61%, on track → on track\n' +
        `To write it, run: okr chat --continue --yes --data ${dir} --as-of ${AS_OF}\n`,
    );
    expect(await version(dir)).toBe(before);
    // Saying yes in words is not --yes: still nothing written.
    expect((await chat(dir, "--continue", "yes")).stdout).toContain("To write it, run: okr chat --continue --yes");
    expect(await version(dir)).toBe(before);
    const done = await chat(dir, "--continue", "--yes");
    expect(done.stdout).toContain("Logged 54.1 on KR2.1");
    expect(await current(dir, "KR2.1")).toBe(54.1);
    // Nothing is waiting any more.
    const again = await chat(dir, "--continue", "--yes").catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 1 });
    expect((again as { stderr: string }).stderr).toContain("is waiting for a yes");
  });

  it("writes nothing when the proposed write is refused, or left for another question", async () => {
    const dir = await workspace();
    const before = await version(dir);
    await chat(dir, "log 56 for KR2.1, confidence 4");
    expect((await chat(dir, "--continue", "no")).stdout).toBe("Not approved: nothing was written.\n");
    await chat(dir, "log 57 for KR2.1, confidence 4", "--conversation", "other");
    const moved = await chat(dir, "--continue", "--conversation", "other", "which KR is lagging most this week?");
    expect(moved.stdout).toMatch(/^Not written: KR2\.1 .*53\.4% → 57%.*\.\nLagging most as of 2026-11-26: KR1\.3/);
    expect(await version(dir)).toBe(before);
  });

  it("keeps a drafting conversation across one-shot runs: draft, yes for a team, then --continue --yes creates it", async () => {
    const dir = await workspace();
    expect((await chat(dir, "help me write an objective about faster support")).stdout).toContain('Reply "yes" to create it');
    const proposed = (await chat(dir, "--continue", "yes, for Customer Success")).stdout;
    expect(proposed).toMatch(/^Proposed write \(nothing written yet\):\n {2}New objective O10 ".+" \(Customer Success, 2026-Q4\)/);
    const created = (await chat(dir, "--continue", "--yes")).stdout;
    expect(created).toMatch(/^Created O10 /);
    const tree = JSON.parse((await run(process.execPath, [BIN, "tree", "--team", "Customer Success", "--json", "--as-of", AS_OF, "--data", dir])).stdout);
    expect(JSON.stringify(tree)).toContain('"O10"');
  });

  it("in a conversation, shows each write and waits for yes or no", async () => {
    const dir = await workspace();
    const child = spawn(process.execPath, [BIN, "chat", "--as-of", AS_OF, "--data", dir], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stdin.end("update the retention KR to 55\nKR2.1\ny\nlog 3.4 for KR2.2\nnot now\nexit\n");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain("Which one do you mean: KR1.1");
    expect(out).toContain(
      "Proposed write (nothing written yet):\n  KR2.1 Raise 30-day retention from 45% to 60%: 53.4% → 55%, confidence 4/5 (kept from the last check-in), 2026-11-26;",
    );
    expect(out).toContain("Logged 55 on KR2.1");
    expect(out).toContain("KR2.2 Cut time-to-value from 7 days to 3 days: 4 days → 3.4 days");
    expect(out).toContain("Not approved: nothing was written.");
    expect(await current(dir, "KR2.1")).toBe(55);
    expect(await current(dir, "KR2.2")).toBe(4);
  });

  it("gives an LLM the workspace in its system prompt (a fake Chat Completions server on 127.0.0.1)", async () => {
    const dir = await tempDir();
    await run(process.execPath, [BIN, "import", FIXTURE, "--data", dir]);
    const systems: string[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        systems.push((JSON.parse(body) as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === "system")!.content);
        res.writeHead(200, { "content-type": "application/json" });
        const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
        res.end(
          JSON.stringify({
            id: "c",
            object: "chat.completion",
            created: 1,
            model: "fake",
            choices: [{ index: 0, message: { role: "assistant", content: "Hello." }, finish_reason: "stop" }],
            usage,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
    const { stdout } = await run(process.execPath, [BIN, "chat", "hi", "--json", "--model", "openai-compatible:fake", "--as-of", AS_OF, "--data", dir], { env });
    await new Promise((resolve) => server.close(resolve));
    expect(JSON.parse(stdout).answer).toBe("Hello.");
    expect(systems[0]).toContain("Cycle 2026-Q4. Teams: Company, Product, Engineering");
    expect(systems[0]).toContain("O2 Give new users a smooth first-run experience (Product; Minh Nguyen)\n- KR2.1 Raise 30-day retention from 45% to 60% [%]");
  });

  it("refuses an unknown model with a clear message", async () => {
    const err = await run(process.execPath, [BIN, "chat", "hi", "--model", "gpt5"]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toContain('Unknown model "gpt5": use local, openai:<model> or openai-compatible:<model>.');
  });
});

// `okr chat` as a person runs it: one-shot with --json, and a piped conversation.

import { execFile, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, cleanup, tempDir } from "../helpers.js";

const BIN = join(import.meta.dirname, "../../bin/okr.js");
const run = promisify(execFile);
afterAll(cleanup);

describe("okr chat", () => {
  it("answers once with --json: answer, tool calls, model, steps and usage", async () => {
    const dir = await tempDir();
    await run(process.execPath, [BIN, "import", FIXTURE, "--data", dir]);
    const { stdout } = await run(process.execPath, [BIN, "chat", "log 54% for 30-day retention, confidence 4", "--json", "--as-of", AS_OF, "--data", dir]);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      model: "okr-local:local",
      steps: 2,
      toolCalls: [{ name: "log_check_in", args: { keyResult: "KR2.1", value: 54, confidence: 4 }, isError: false }],
    });
    expect(out.answer).toContain("Logged 54 on KR2.1");
    expect(out.usage.totalTokens).toBeGreaterThan(0);
    const kr = JSON.parse((await run(process.execPath, [BIN, "kr", "KR2.1", "--json", "--as-of", AS_OF, "--data", dir])).stdout);
    expect(kr.current).toBe(54);
  });

  it("keeps a conversation going over piped input", async () => {
    const dir = await tempDir();
    await run(process.execPath, [BIN, "import", FIXTURE, "--data", dir]);
    const child = spawn(process.execPath, [BIN, "chat", "--as-of", AS_OF, "--data", dir], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stdin.end("update the retention KR to 55\nKR2.1\nexit\n");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain("Which one do you mean: KR1.1");
    expect(out).toContain("Logged 55 on KR2.1");
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

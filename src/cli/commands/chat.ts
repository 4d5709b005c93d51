// `okr chat`: talk to the agent, once ("okr chat MESSAGE") or in a conversation (a REPL).

import { createInterface } from "node:readline/promises";
import type { ModelMessage } from "ai";
import { OkrError } from "../../domain/errors.js";
import type { CommandContext, CommandSpec } from "../command.js";
import { mcpOptions } from "./serve.js";

async function setup(ctx: CommandContext, mcpUrl: string | undefined) {
  // The agent stack (AI SDK, providers, MCP client) loads only for chat.
  const [{ resolveModel, modelFailure }, { connectTools, krDirectory, workspaceSummary }, agent] = await Promise.all([
    import("../../agent/models.js"),
    import("../../agent/mcp-tools.js"),
    import("../../agent/agent.js"),
  ]);
  const env = { apiKey: ctx.config.openaiApiKey, baseUrl: ctx.config.openaiBaseUrl };
  resolveModel(ctx.config.model, env); // a bad --model fails before anything connects
  const tools = await connectTools(mcpUrl ? { url: mcpUrl, token: ctx.config.httpToken } : { service: await ctx.service(), mcp: mcpOptions(ctx) });
  const model = resolveModel(ctx.config.model, env, ctx.config.model === "local" ? await krDirectory(tools) : undefined);
  const workspace = ctx.config.model === "local" ? undefined : await workspaceSummary(tools); // LLMs only: the local model has its directory
  return { model, tools, agent, workspace, failure: (e: unknown) => modelFailure(ctx.config.model, env, e) };
}

export const chatCommand: CommandSpec = {
  name: "chat",
  summary: "Ask the OKR agent in plain English or Vietnamese; without a message, start a conversation.",
  usage: 'okr chat ["MESSAGE"] [--model local|openai:<m>|openai-compatible:<m>] [--mcp-url URL] [--json]',
  description:
    "The agent reaches the OKR tools through MCP (in-process, or --mcp-url for a running okr serve --http).\n" +
    "Models: local (default; offline, no weights), openai:<model> (OPENAI_API_KEY), openai-compatible:<model>\n" +
    "(OPENAI_BASE_URL, e.g. Ollama's http://127.0.0.1:11434/v1). It writes only what you ask it to write.",
  options: {
    model: { type: "string", short: "m", description: "the model (default: $OKR_MODEL or local)", placeholder: "M" },
    "mcp-url": { type: "string", description: "use a remote MCP server instead of the local workspace", placeholder: "URL" },
  },
  examples: ['okr chat "which KR is lagging most this week?"', 'okr chat "log 53.4% for 30-day retention, confidence 4" --json', "okr chat --model openai-compatible:llama3.1"],
  async run(ctx, { values, positionals }) {
    const message = positionals.join(" ").trim();
    const { model, tools, agent, workspace, failure } = await setup(ctx, values["mcp-url"] as string | undefined);
    try {
      if (message) {
        const r = await agent.runAgent({ model, tools, messages: [{ role: "user", content: message }], today: ctx.config.today(), workspace }).catch((e: unknown) => {
          throw failure(e);
        });
        if (ctx.json) return ctx.out(JSON.stringify({ answer: r.answer, toolCalls: r.toolCalls, model: r.model, steps: r.steps, usage: r.usage }, null, 2));
        return ctx.out(r.answer);
      }
      if (ctx.json) throw new OkrError("invalid_input", 'okr chat --json needs a message: okr chat "which KR is lagging most?" --json');
      const rl = createInterface({ input: process.stdin, terminal: false });
      ctx.err(`OKR agent (${model.provider}:${model.modelId}) on ${ctx.config.dataDir}. Ask about your OKRs; "exit" or Ctrl-D ends.`);
      const messages: ModelMessage[] = [];
      const prompt = () => process.stderr.write("> ");
      prompt();
      // The line iterator buffers, so piped input is read in full (question() drops lines).
      for await (const raw of rl) {
        const line = raw.trim();
        if (!line) {
          prompt();
          continue;
        }
        if (/^(exit|quit|bye|thoát)$/i.test(line)) break;
        messages.push({ role: "user", content: line });
        const stream = agent.streamAgent({ model, tools, messages, today: ctx.config.today(), workspace });
        for await (const delta of stream.textStream) ctx.raw(delta);
        ctx.raw("\n");
        messages.push(...(await stream.response).messages);
        prompt();
      }
      rl.close();
    } finally {
      await tools.close();
    }
  },
};

// `okr chat`: talk to the agent, once ("okr chat MESSAGE") or in a conversation (a REPL). A write
// happens only when the person approves it: the REPL shows it and asks; a one-shot run writes
// only with --yes, otherwise it shows the write and the command that confirms it, and keeps the
// conversation in the data directory for `okr chat --continue`.

import { createInterface } from "node:readline/promises";
import type { ModelMessage } from "ai";
import type { Lang, PendingWrite } from "../../agent/approval.js";
import { OkrError } from "../../domain/errors.js";
import { localActor } from "../../domain/access.js";
import { conversationPath, loadConversation, saveConversation, type StoredConversation } from "../chat-conversation.js";
import type { CommandContext, CommandSpec, ParsedArgs } from "../command.js";
import { mcpOptions } from "./serve.js";

async function setup(ctx: CommandContext, mcpUrl: string | undefined) {
  // The agent stack (AI SDK, providers, MCP client) loads only for chat.
  const [{ resolveModel, modelFailure }, { connectTools, krDirectory, krDirectoryFromService, workspaceSummary }, agent, approval] = await Promise.all([
    import("../../agent/models.js"),
    import("../../agent/mcp-tools.js"),
    import("../../agent/agent.js"),
    import("../../agent/approval.js"),
  ]);
  const env = { apiKey: ctx.config.openaiApiKey, baseUrl: ctx.config.openaiBaseUrl };
  resolveModel(ctx.config.model, env); // a bad --model fails before anything connects
  const tools = await connectTools(
    mcpUrl ? { url: mcpUrl, token: ctx.config.httpToken } : { service: await ctx.service(), mcp: { ...mcpOptions(ctx), actor: localActor(ctx.config.author, "cli-chat") } },
  );
  // The local model's directory: from memory when the tools run here, through list_okrs when remote.
  const directory = ctx.config.model !== "local" ? undefined : mcpUrl ? await krDirectory(tools) : await krDirectoryFromService(await ctx.service(), ctx.config.asOf);
  const model = resolveModel(ctx.config.model, env, directory);
  const workspace = ctx.config.model === "local" ? undefined : await workspaceSummary(tools); // LLMs only: the local model has its directory
  return { model, tools, agent, approval, workspace, failure: (e: unknown) => modelFailure(ctx.config.model, env, e) };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** The writes waiting for a yes, one line each, as the REPL and a one-shot run show them. */
export function proposalText(approval: Setup["approval"], pending: readonly PendingWrite[]): string {
  return [approval.proposalHead(pending.length, langOfPending(pending)), ...pending.map((p) => `  ${p.preview.text}`)].join("\n");
}

/** The language the proposals were written in: the person's. */
const langOfPending = (pending: readonly PendingWrite[]): Lang => pending[0]?.preview.lang ?? "en";

/** "To write it, run: …" in the person's language. */
const toConfirm = (pending: readonly PendingWrite[], command: string) =>
  langOfPending(pending) === "vi" ? `Để ghi, chạy: ${command}` : `To write ${pending.length === 1 ? "it" : "them"}, run: ${command}`;

/** A word is passed through a shell as typed when it is plain, else single-quoted. */
const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** `okr chat --continue --yes` with the options this run was given that the next one needs too. */
function confirmCommand(values: ParsedArgs["values"]): string {
  const words = ["okr", "chat", "--continue", "--yes"];
  for (const flag of ["conversation", "data", "as-of", "model", "mcp-url"]) {
    const v = values[flag];
    if (typeof v === "string") words.push(`--${flag}`, v);
  }
  return words.map(shellWord).join(" ");
}

const EXIT = /^(exit|quit|bye|thoát)$/i;
const NO = /^(n|no|nope|cancel|không|khong|hủy|huy|thôi|thoi)[.!]*$/iu;

export const chatCommand: CommandSpec = {
  name: "chat",
  summary: "Ask the OKR agent in plain English or Vietnamese; without a message, start a conversation.",
  usage: 'okr chat ["MESSAGE"] [--yes] [--continue] [--conversation ID] [--model local|openai:<m>|openai-compatible:<m>] [--mcp-url URL] [--json]',
  description:
    "The agent reaches the OKR tools through MCP (in-process, or --mcp-url for a running okr serve --http).\n" +
    "Models: local (default; offline, no weights), openai:<model> (OPENAI_API_KEY), openai-compatible:<model>\n" +
    "(OPENAI_BASE_URL, e.g. Ollama's http://127.0.0.1:11434/v1). It writes only what you ask it to write,\n" +
    "and only once you approve it: in a conversation it shows the write and asks; with a message it writes\n" +
    "only with --yes, else it shows the write and how to confirm it (okr chat --continue --yes). A message's\n" +
    "conversation is kept in the data directory (.okr-chat/) for okr chat --continue.",
  options: {
    model: { type: "string", short: "m", description: "the model (default: $OKR_MODEL or local)", placeholder: "M" },
    "mcp-url": { type: "string", description: "use a remote MCP server instead of the local workspace", placeholder: "URL" },
    yes: { type: "boolean", short: "y", description: "approve the writes the message leads to (scripts, evals)" },
    continue: { type: "boolean", short: "c", description: "continue the last conversation: confirm or refuse its proposed write, or say more" },
    conversation: { type: "string", description: "the stored conversation to start or continue (default: last)", placeholder: "ID" },
  },
  examples: [
    'okr chat "which KR is lagging most this week?"',
    'okr chat "log 53.4% for 30-day retention, confidence 4"   # shows the write; nothing is written',
    "okr chat --continue --yes                                  # writes it",
    'okr chat --yes "log 53.4% for 30-day retention, confidence 4" --json',
    "okr chat --model openai-compatible:llama3.1",
  ],
  async run(ctx, args) {
    const { values, positionals } = args;
    const message = positionals.join(" ").trim();
    const oneShot = message !== "" || values.continue === true;
    if (!oneShot && values.yes) throw new OkrError("invalid_input", '--yes approves the writes of a message: okr chat --yes "MESSAGE", or okr chat --continue --yes.');
    if (!oneShot && ctx.json) throw new OkrError("invalid_input", 'okr chat --json needs a message: okr chat "which KR is lagging most?" --json');
    const path = conversationPath(ctx.config.dataDir, values.conversation as string | undefined);
    const stored = values.continue ? await loadConversation(path) : null;
    if (values.continue && !stored) throw new OkrError("invalid_input", `No conversation to continue in ${path}: start one with okr chat "MESSAGE".`);
    const s = await setup(ctx, values["mcp-url"] as string | undefined);
    try {
      if (oneShot) await once(ctx, s, args, message, path, stored);
      else await conversation(ctx, s);
    } finally {
      await s.tools.close();
    }
  },
};

/** One message (or an answer to the proposed write) and its reply; the conversation is saved. */
async function once(ctx: CommandContext, s: Setup, { values }: ParsedArgs, text: string, path: string, stored: StoredConversation | null): Promise<void> {
  const { agent, approval, model, tools } = s;
  const yes = values.yes === true;
  const messages: ModelMessage[] = [...(stored?.messages ?? [])];
  let message = text;
  let declined: PendingWrite[] = [];
  const waiting = stored?.pending ?? [];
  const save = (pending: PendingWrite[]) =>
    saveConversation(path, { version: 1, updatedAt: ctx.now().toISOString(), model: `${model.provider}:${model.modelId}`, messages, pending }).catch((e: unknown) =>
      ctx.err(`okr chat: could not keep the conversation in ${path} (${(e as Error).message}); okr chat --continue will not find it.`),
    );
  if (waiting.length) {
    if (yes && (message === "" || approval.isYes(message))) {
      messages.push(approval.approvalMessage(waiting));
      message = "";
    } else if (message === "" || approval.isYes(message)) {
      // Still waiting: a one-shot run writes only with --yes.
      if (ctx.json) return ctx.out(JSON.stringify({ answer: "", written: false, pending: waiting, confirm: confirmCommand(values) }, null, 2));
      return ctx.out(`${proposalText(approval, waiting)}\n${toConfirm(waiting, confirmCommand(values))}`);
    } else {
      // No, or something else instead: that is a no.
      messages.push(approval.declineMessage(waiting));
      declined = waiting;
      if (NO.test(message)) {
        await save([]);
        const said = approval.notWritten(langOfPending(waiting));
        if (ctx.json) return ctx.out(JSON.stringify({ answer: said, written: false, declined, pending: [] }, null, 2));
        return ctx.out(said);
      }
    }
  } else if (message === "") {
    throw new OkrError("invalid_input", `Nothing in ${path} is waiting for a yes: continue with a message, okr chat --continue "MESSAGE".`);
  }
  if (message) messages.push({ role: "user", content: message });
  const r = await agent.runAgent({ model, tools, messages, today: ctx.config.today(), workspace: s.workspace, approveWrites: yes }).catch((e: unknown) => {
    throw s.failure(e);
  });
  messages.push(...r.responseMessages);
  await save(r.pending);
  const confirm = r.pending.length ? confirmCommand(values) : undefined;
  if (ctx.json)
    return ctx.out(
      JSON.stringify(
        {
          answer: r.answer,
          toolCalls: r.toolCalls,
          pending: r.pending,
          ...(confirm && { confirm }),
          ...(declined.length && { declined }),
          model: r.model,
          steps: r.steps,
          usage: r.usage,
        },
        null,
        2,
      ),
    );
  const lines = declined.length ? [`${langOfPending(declined) === "vi" ? "Chưa ghi" : "Not written"}: ${declined.map((p) => p.preview.text).join("; ")}.`] : [];
  if (r.answer) lines.push(r.answer);
  if (r.pending.length) lines.push(`${proposalText(s.approval, r.pending)}\n${toConfirm(r.pending, confirm ?? confirmCommand(values))}`);
  ctx.out(lines.join("\n"));
}

/** The REPL: each proposed write is shown and waits for yes or no on the next line. */
async function conversation(ctx: CommandContext, s: Setup): Promise<void> {
  const { agent, approval, model, tools } = s;
  const rl = createInterface({ input: process.stdin, terminal: false });
  // The line iterator buffers, so piped input is read in full (question() drops lines).
  const lines = rl[Symbol.asyncIterator]();
  const nextLine = async () => {
    const r = await lines.next();
    return r.done ? null : String(r.value);
  };
  const prompt = (p = "> ") => process.stderr.write(p);
  ctx.err(`OKR agent (${model.provider}:${model.modelId}) on ${ctx.config.dataDir}. Ask about your OKRs; "exit" or Ctrl-D ends.`);
  const messages: ModelMessage[] = [];
  const turn = async (): Promise<PendingWrite[]> => {
    const stream = agent.streamAgent({ model, tools, messages, today: ctx.config.today(), workspace: s.workspace });
    let said = false;
    for await (const delta of stream.textStream) {
      ctx.raw(delta);
      said ||= delta.length > 0;
    }
    if (said) ctx.raw("\n");
    messages.push(...(await stream.response).messages);
    return approval.pendingWrites(await stream.content, tools);
  };
  try {
    for (;;) {
      prompt();
      const raw = await nextLine();
      if (raw === null) break;
      const line = raw.trim();
      if (!line) continue;
      if (EXIT.test(line)) break;
      messages.push({ role: "user", content: line });
      let pending = await turn();
      while (pending.length) {
        ctx.out(proposalText(approval, pending));
        prompt(langOfPending(pending) === "vi" ? "Ghi nhé? [có/Không] " : `Write ${pending.length === 1 ? "it" : "them"}? [y/N] `);
        const answer = await nextLine();
        if (answer === null || !approval.isYes(answer)) {
          messages.push(approval.declineMessage(pending));
          ctx.out(approval.notWritten(langOfPending(pending)));
          if (answer === null || EXIT.test(answer.trim())) return;
          break;
        }
        messages.push(approval.approvalMessage(pending));
        pending = await turn();
      }
    }
  } finally {
    rl.close();
  }
}

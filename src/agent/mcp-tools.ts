// The agent's tools: our MCP server's tools through an MCP client (in memory by default, or a
// remote URL), the same path Claude Desktop takes. Results reach the model as the structured data
// (errors too: code, message, candidates), not only the short text copy. Every tool that is not
// annotated read-only needs the person's approval (the AI SDK's tool approval), so a write happens
// only when asked for.

import { createMCPClient, type MCPClient } from "@ai-sdk/mcp";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ModelMessage, ToolExecutionOptions, ToolSet } from "ai";
import { OkrError } from "../domain/errors.js";
import { networkReason } from "../io/net-error.js";
import { createMcpServer, type McpOptions } from "../mcp/server.js";
import type { OkrService } from "../service/okr-service.js";
import { KrDirectory, type DirectoryKr } from "./local/directory.js";
import { parseDay } from "../domain/dates.js";
import { compareRefs } from "../domain/lagging.js";
import { currentValue } from "../domain/metrics.js";

export interface AgentTools {
  tools: ToolSet;
  /** Names of the tools that only read, from their MCP annotations. */
  readOnly: Set<string>;
  /** Write tools that take `dryRun: true`: the same call, validated and answered, writing nothing. */
  dryRun: Set<string>;
  /** Calls a tool directly (not through a model), e.g. to build the local model's KR lookup. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** The dry run of a proposed write (made when it was proposed, else now): what the write would
   *  return, or the error it would give; null when the tool has no dry run or it could not run. */
  preview(toolCallId: string, name: string, input: Record<string, unknown>): Promise<CallToolResult | null>;
  close(): Promise<void>;
}

export type ToolSource =
  | {
      service: OkrService;
      mcp: McpOptions;
      /** Arguments that replace the model's in approved calls, by tool call id: the targets the
       *  person saw in the preview they approved (see pinnedTargets). */
      pinned?: ReadonlyMap<string, Record<string, unknown>>;
    }
  | { url: string; token?: string | null };

/** The workspace's KRs, teams and owners for the local model, read once through list_okrs. */
export async function krDirectory(tools: AgentTools): Promise<KrDirectory> {
  const r = await tools.call("list_okrs", {});
  type Listed = {
    ref: string;
    title: string;
    team: string;
    owner: string;
    keyResults: { ref: string; title: string; owner: string; unit: string; start: number; current: number; target: number }[];
  };
  const objectives = (r.structuredContent as { objectives?: Listed[] } | undefined)?.objectives ?? [];
  return new KrDirectory(
    objectives.flatMap((o) =>
      o.keyResults.map((k) => ({ ref: k.ref, title: k.title, owner: k.owner, team: o.team, unit: k.unit, start: k.start, current: k.current, target: k.target })),
    ),
    objectives.map((o) => ({ ref: o.ref, title: o.title, team: o.team, owner: o.owner })),
  );
}

/**
 * The same directory read straight from the workspace in memory, for an agent whose tools run in
 * this process: list_okrs builds, checks and serialises the whole tree (5 of the 6.5 s of a cold
 * `okr chat` at 40,000 KRs); this reads refs, titles and latest values. Same order as list_okrs
 * (objectives by ref, each one's KRs as stored), so the directory is the same one.
 */
export async function krDirectoryFromService(service: OkrService, asOf: string): Promise<KrDirectory> {
  const ws = await service.ws();
  const day = parseDay(asOf, "as-of date");
  const byObjective = new Map<string, DirectoryKr[]>();
  for (const e of ws.entriesFor()) {
    let list = byObjective.get(e.objective.id);
    if (!list) byObjective.set(e.objective.id, (list = []));
    list.push({
      ref: e.kr.ref,
      title: e.kr.title,
      owner: e.kr.owner,
      team: e.objective.team,
      unit: e.kr.unit,
      start: e.kr.start,
      current: currentValue(e.spec, e.history, day),
      target: e.kr.target,
    });
  }
  const objectives = [...ws.objectives.values()].sort((a, b) => compareRefs(a.ref, b.ref));
  return new KrDirectory(
    objectives.flatMap((o) => byObjective.get(o.id) ?? []),
    objectives.map((o) => ({ ref: o.ref, title: o.title, team: o.team, owner: o.owner })),
  );
}

/** The system prompt lists at most this many KRs; a bigger workspace is one list_okrs call away. */
export const WORKSPACE_KRS = 60;

type ListedObjective = {
  ref: string;
  title: string;
  team: string;
  owner: string;
  cycle: string;
  keyResults: { ref: string; title: string; owner: string; unit: string }[];
};

/**
 * The workspace for an LLM's system prompt, read once through list_okrs (so a remote --mcp-url
 * works too): cycle, teams and owners, then each objective (ref, title, team; owner) and one line
 * per KR (ref, title, [unit], (owner) when not the objective's), at most `maxKrs` of them.
 */
export async function workspaceSummary(tools: AgentTools, maxKrs = WORKSPACE_KRS): Promise<string> {
  const r = await tools.call("list_okrs", {});
  const objectives = r.isError ? null : (r.structuredContent as { objectives?: ListedObjective[] } | undefined)?.objectives;
  if (!objectives) return "(could not be read: call list_okrs)";
  if (objectives.length === 0) return "No objectives yet.";
  // Stored text goes into the prompt: one line each, and not too long.
  const clip = (t: string) => (t.replace(/\s+/g, " ").trim() || "-").replace(/^(.{117}).{4,}$/su, "$1…");
  const distinct = (xs: string[]) => [...new Set(xs.map(clip).filter((x) => x !== "-"))].join(", ");
  const lines = [
    `Cycle ${distinct(objectives.map((o) => o.cycle))}. Teams: ${distinct(objectives.map((o) => o.team))}.`,
    `Owners: ${distinct(objectives.flatMap((o) => [o.owner, ...o.keyResults.map((k) => k.owner)]))}.`,
  ];
  let shown = 0;
  let moreKrs = 0;
  let moreObjectives = 0;
  for (const o of objectives) {
    if (shown >= maxKrs) {
      moreObjectives++;
      moreKrs += o.keyResults.length;
      continue;
    }
    lines.push(`${o.ref} ${clip(o.title)} (${clip(o.team)}; ${clip(o.owner)})`);
    for (const k of o.keyResults) {
      if (shown >= maxKrs) {
        moreKrs++;
        continue;
      }
      const unit = k.unit.trim() ? ` [${clip(k.unit)}]` : "";
      const owner = k.owner.trim() && k.owner !== o.owner ? ` (${clip(k.owner)})` : "";
      lines.push(`- ${k.ref} ${clip(k.title)}${unit}${owner}`);
      shown++;
    }
  }
  if (moreKrs || moreObjectives) lines.push(`…and ${moreKrs} more key results${moreObjectives ? ` (${moreObjectives} more objectives)` : ""}: call list_okrs to see them.`);
  return lines.join("\n");
}

/** Whether the conversation's last message answers an approval request for this tool call: the
 *  SDK asks again when it runs an approved call, and the answer then is "yes, it needed one". */
function approvalAnswered(messages: ModelMessage[], toolCallId: string): boolean {
  const last = messages.at(-1);
  if (last?.role !== "tool") return false;
  const answered = new Set(last.content.flatMap((p) => (p.type === "tool-approval-response" ? [p.approvalId] : [])));
  return messages.some(
    (m) =>
      m.role === "assistant" && Array.isArray(m.content) && m.content.some((p) => p.type === "tool-approval-request" && p.toolCallId === toolCallId && answered.has(p.approvalId)),
  );
}

function textOf(r: CallToolResult): string {
  return r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** Why a remote MCP server could not be used, as one line saying what to do; other errors as they are. */
function remoteError(url: string, e: unknown): unknown {
  const reason = networkReason(e);
  if (reason !== null)
    return new OkrError(
      "unavailable",
      `Cannot reach the MCP server at ${url} (${reason}). Start one with okr serve --http (it listens on http://127.0.0.1:8787/mcp), or fix --mcp-url.`,
      { cause: e },
    );
  if (e instanceof StreamableHTTPError && (e.code === 401 || e.code === 403))
    return new OkrError(
      "invalid_input",
      `The MCP server at ${url} refused the request (HTTP ${e.code}): set OKR_HTTP_TOKEN to your token (from okr users add) or the one it was started with.`,
      { cause: e },
    );
  if (e instanceof StreamableHTTPError && e.code !== undefined && e.code < 500)
    return new OkrError("invalid_input", `${url} answered HTTP ${e.code}, not MCP: give the /mcp address of okr serve --http, e.g. http://127.0.0.1:8787/mcp.`, { cause: e });
  if (e instanceof StreamableHTTPError)
    return new OkrError("unavailable", `The MCP server at ${url} failed (HTTP ${e.code ?? "error"}); try again, or look at its log.`, { cause: e });
  return e;
}

export async function connectTools(source: ToolSource): Promise<AgentTools> {
  let client: MCPClient;
  let closeServer = async () => {};
  if ("service" in source) {
    const server = createMcpServer(source.service, source.mcp);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    client = await createMCPClient({ transport: clientSide, name: "okr-agent" });
    closeServer = () => server.close();
  } else {
    const url = URL.canParse(source.url) ? new URL(source.url) : null;
    if (!url || !/^https?:$/.test(url.protocol)) throw new OkrError("invalid_input", `--mcp-url "${source.url}" is not an http(s) URL: e.g. http://127.0.0.1:8787/mcp`);
    const headers: Record<string, string> = source.token ? { Authorization: `Bearer ${source.token}` } : {};
    try {
      client = await createMCPClient({ transport: new StreamableHTTPClientTransport(url, { requestInit: { headers } }), name: "okr-agent" });
    } catch (e) {
      throw remoteError(source.url, e);
    }
  }
  const listed = await client.listTools().catch((e: unknown) => {
    throw "url" in source ? remoteError(source.url, e) : e;
  });
  // A tool without annotations is treated as a write: asking once too often is the safe mistake.
  const readOnly = new Set(listed.tools.filter((t) => t.annotations?.readOnlyHint === true).map((t) => t.name));
  const dryRunnable = new Set(listed.tools.filter((t) => !readOnly.has(t.name) && t.inputSchema.properties?.dryRun).map((t) => t.name));
  // The model is not offered dryRun: the agent previews writes itself, before asking the person.
  const raw = client.toolsFromDefinitions({
    ...listed,
    tools: listed.tools.map((t) => {
      if (!dryRunnable.has(t.name)) return t;
      const properties = Object.fromEntries(Object.entries(t.inputSchema.properties ?? {}).filter(([name]) => name !== "dryRun"));
      return { ...t, inputSchema: { ...t.inputSchema, properties } };
    }),
  });
  const call = async (name: string, args: Record<string, unknown>, toolCallId = `direct-${name}`): Promise<CallToolResult> => {
    const t = raw[name];
    if (!t?.execute) throw new Error(`No tool ${name}`);
    return (await t.execute(args, { toolCallId, messages: [] })) as CallToolResult;
  };
  const dryRuns = new Map<string, CallToolResult>(); // by tool call id
  const dryRunOf = async (toolCallId: string, name: string, input: Record<string, unknown>): Promise<CallToolResult | null> => {
    if (!dryRunnable.has(name)) return null;
    const known = dryRuns.get(toolCallId);
    if (known) return known;
    const r = await call(name, { ...input, dryRun: true }, toolCallId).catch(() => null);
    if (r) dryRuns.set(toolCallId, r);
    return r;
  };
  // Calls whose dry run failed run no write: they answer with that failure (the real call fails the
  // same way, as the service validates both alike), so the model can ask instead of the person
  // being asked to approve a call that cannot succeed.
  const refused = new Map<string, CallToolResult>();
  const tools: ToolSet = {};
  for (const [name, t] of Object.entries(raw)) {
    const write = !readOnly.has(name);
    tools[name] = {
      ...t,
      toModelOutput: ({ output }: { output: unknown }) => {
        const r = output as CallToolResult;
        if (!r.isError) return { type: "json" as const, value: (r.structuredContent ?? { text: textOf(r) }) as never };
        // Our errors as { error: { code, message, candidates… } }, so a model can ask the person
        // which candidate they meant; an error without that shape (the SDK's own) as its text.
        return r.structuredContent?.error ? { type: "error-json" as const, value: r.structuredContent as never } : { type: "error-text" as const, value: textOf(r) };
      },
      ...(write && {
        needsApproval: async (input: unknown, { toolCallId, messages }: { toolCallId: string; messages: ModelMessage[] }) => {
          const args = (input ?? {}) as Record<string, unknown>;
          if (args.dryRun === true && dryRunnable.has(name)) return false; // writes nothing
          if (approvalAnswered(messages, toolCallId)) return true; // an approved call, being run
          const dry = await dryRunOf(toolCallId, name, args);
          if (dry?.isError) {
            refused.set(toolCallId, dry);
            return false;
          }
          return true;
        },
        execute: async (input: unknown, options: ToolExecutionOptions) => {
          const failed = refused.get(options.toolCallId);
          if (failed) {
            refused.delete(options.toolCallId);
            return failed;
          }
          const pin = "pinned" in source ? source.pinned?.get(options.toolCallId) : undefined;
          return t.execute!(pin ? { ...(input as Record<string, unknown>), ...pin } : input, options);
        },
      }),
    } as ToolSet[string];
  }
  return {
    tools,
    readOnly,
    dryRun: dryRunnable,
    call: (name, args) => call(name, args),
    preview: dryRunOf,
    async close() {
      await client.close();
      await closeServer();
    },
  };
}

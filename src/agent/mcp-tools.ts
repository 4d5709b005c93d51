// The agent's tools: our MCP server's tools through an MCP client (in memory by default, or a
// remote URL), the same path Claude Desktop takes. Results reach the model as the structured data
// (errors too: code, message, candidates), not only the short text copy.

import { createMCPClient, type MCPClient } from "@ai-sdk/mcp";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ToolSet } from "ai";
import { OkrError } from "../domain/errors.js";
import { networkReason } from "../io/net-error.js";
import { createMcpServer, type McpOptions } from "../mcp/server.js";
import type { OkrService } from "../service/okr-service.js";
import { KrDirectory } from "./local/directory.js";

export interface AgentTools {
  tools: ToolSet;
  /** Names of the tools that only read, from their MCP annotations. */
  readOnly: Set<string>;
  /** Calls a tool directly (not through a model), e.g. to build the local model's KR lookup. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export type ToolSource = { service: OkrService; mcp: McpOptions } | { url: string; token?: string | null };

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
    return new OkrError("invalid_input", `The MCP server at ${url} refused the request (HTTP ${e.code}): set OKR_HTTP_TOKEN to the token it was started with.`, { cause: e });
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
  const raw = client.toolsFromDefinitions(listed);
  const tools: ToolSet = {};
  for (const [name, t] of Object.entries(raw)) {
    tools[name] = {
      ...t,
      toModelOutput: ({ output }: { output: unknown }) => {
        const r = output as CallToolResult;
        if (!r.isError) return { type: "json" as const, value: (r.structuredContent ?? { text: textOf(r) }) as never };
        // Our errors as { error: { code, message, candidates… } }, so a model can ask the person
        // which candidate they meant; an error without that shape (the SDK's own) as its text.
        return r.structuredContent?.error ? { type: "error-json" as const, value: r.structuredContent as never } : { type: "error-text" as const, value: textOf(r) };
      },
    } as ToolSet[string];
  }
  const readOnly = new Set(listed.tools.filter((t) => t.annotations?.readOnlyHint).map((t) => t.name));
  return {
    tools,
    readOnly,
    async call(name, args) {
      const t = raw[name];
      if (!t?.execute) throw new Error(`No tool ${name}`);
      return (await t.execute(args, { toolCallId: `direct-${name}`, messages: [] })) as CallToolResult;
    },
    async close() {
      await client.close();
      await closeServer();
    },
  };
}

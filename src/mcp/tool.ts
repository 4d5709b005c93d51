// What a tool file in tools/ declares, and how it becomes an MCP tool: structuredContent checked
// against the output schema plus a short text copy; expected failures come back as isError results.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { CallToolResult, Tool, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { isOkrError, OkrError, type OkrErrorCode } from "../domain/errors.js";
import type { OkrService } from "../service/okr-service.js";
import type { Actor } from "../domain/access.js";

export interface ToolContext {
  service: OkrService;
  /** Today's date (YYYY-MM-DD) for this call. */
  today(): string;
  /** Author for writes when the caller names none: an identified caller's own name. */
  author: string;
  /** Who calls: their role and teams decide what they may write. */
  actor: Actor;
}

/** The context of one caller's tool calls. */
export function toolContext(service: OkrService, o: { today(): string; author: string }, actor: Actor): ToolContext {
  return { service, today: o.today, author: actor.identified ? actor.name : o.author, actor };
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Required<Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint" | "openWorldHint">>;
  /** The MCP App view (a ui:// resource) that hosts supporting MCP Apps draw the result with. */
  ui?: string;
  run(args: z.infer<I>, ctx: ToolContext): Promise<{ data: z.input<O>; text: string }>;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(t: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return t;
}

/**
 * What an isError result carries in structuredContent, so a caller (the local model, an LLM, any
 * MCP client) can act on the failure rather than paste it: the code, the message (the same words
 * as the text copy), for `ambiguous` every match and for `not_found` the closest items, and any
 * detail lines.
 */
export interface ToolErrorContent {
  error: {
    code: Exclude<OkrErrorCode, "internal">;
    message: string;
    candidates?: { ref: string; title: string }[];
    details?: string[];
  };
}

/** Arguments the tool's input schema refused, as an invalid_input error naming each bad field. */
function badArguments(tool: string, error: z.ZodError): OkrError {
  const problems = error.issues.map((i) => {
    const field = i.path.join(".");
    // Our messages name their field already ("confidence must be…"); zod's own ones do not.
    return !field || i.message.startsWith(String(i.path.at(-1))) ? i.message : `${field}: ${i.message}`;
  });
  return new OkrError("invalid_input", `Invalid arguments for ${tool}: ${problems.join("; ").replace(/\.?$/, ".")}`);
}

/** The isError result of an expected failure: the text copy plus the same facts structured. */
export function toolError(e: OkrError): CallToolResult {
  const message = e.messageFor("mcp");
  const error: ToolErrorContent["error"] = { code: e.code as ToolErrorContent["error"]["code"], message };
  if (e.candidates.length) error.candidates = e.candidates.map((c) => ({ ref: c.ref, title: c.title }));
  if (e.details.length) error.details = [...e.details];
  const details = e.details.length ? `\n${e.details.map((d) => `- ${d}`).join("\n")}` : "";
  return { isError: true, content: [{ type: "text", text: `${message}${details}` }], structuredContent: { error } };
}

/** Runs a tool: only expected failures (OkrError, arguments the schema refuses) become isError
 *  results; bugs propagate. */
export async function callTool(t: ToolDefinition, args: unknown, ctx: ToolContext): Promise<CallToolResult> {
  try {
    const input = t.input.safeParse(args ?? {});
    if (!input.success) throw badArguments(t.name, input.error);
    const { data, text } = await t.run(input.data as never, ctx);
    // Parsing strips anything the schema does not name: outputs stay compact and exact.
    return { content: [{ type: "text", text }], structuredContent: t.output.parse(data) as Record<string, unknown> };
  } catch (e) {
    if (isOkrError(e) && e.code !== "internal") return toolError(e);
    throw e;
  }
}

/** Any object passes the SDK's own argument check, which would answer a bad one with bare text
 *  before our handler runs; callTool parses with the tool's schema instead, so a bad argument is
 *  a structured invalid_input like every other expected failure. tools/list still shows the
 *  tool's real input schema (server.ts answers it from listEntry). */
const ANY_ARGUMENTS = z.looseObject({});

/** `contextOf` gives each call its caller's context, from what the transport passed with the
 *  request (see callerOf); it runs when the call arrives, before anything is awaited. */
export function registerTool(server: McpServer, t: ToolDefinition, contextOf: (extra: { authInfo?: AuthInfo }) => ToolContext): void {
  server.registerTool(
    t.name,
    { title: t.title, description: t.description, inputSchema: ANY_ARGUMENTS, outputSchema: t.output, annotations: t.annotations },
    (args: unknown, extra) => callTool(t, args, contextOf(extra)),
  );
}

/** The caller of one HTTP request, as the transport hands it to the tools of a server that serves
 *  one request after another (http/app.ts): MCP's per-request `authInfo`, our Actor in `extra`. */
export function callerAuth(actor: Actor): AuthInfo {
  return { token: "", clientId: actor.name, scopes: [actor.role], extra: { actor } };
}

export function callerOf(extra: { authInfo?: AuthInfo }): Actor | null {
  return (extra.authInfo?.extra?.actor as Actor | undefined) ?? null;
}

/** Drops JSON-schema boilerplate that tells a model nothing; in output schemas also the
 *  `required` lists (every output field is always present, so they only repeat the names).
 *  Without `required` and `additionalProperties: false`, an error's `{ error: … }` also fits every
 *  output schema: the MCP SDK's Client (1.32) checks structuredContent against the outputSchema
 *  even on isError results, and would otherwise throw instead of returning the error. */
function compactSchema(node: unknown, output: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => compactSchema(n, output));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$schema" || (k === "additionalProperties" && v === false) || (output && k === "required" && Array.isArray(v))) continue;
    out[k] =
      k === "properties" && v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([name, s]) => [name, compactSchema(s, output)])) : compactSchema(v, output);
  }
  return out;
}

/** A tool's tools/list entry. */
/** Each tool's entry is the same for every request: converted to JSON Schema once per process
 *  (the conversion was 1.9 ms and a few hundred KB of garbage on every tools/list). */
const listed = new WeakMap<ToolDefinition, Tool>();

export function listEntry(t: ToolDefinition): Tool {
  let entry = listed.get(t);
  if (!entry) listed.set(t, (entry = buildListEntry(t)));
  return entry;
}

function buildListEntry(t: ToolDefinition): Tool {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: compactSchema(z.toJSONSchema(t.input, { io: "input" }), false) as Tool["inputSchema"],
    outputSchema: compactSchema(z.toJSONSchema(t.output, { io: "output" }), true) as Tool["outputSchema"],
    annotations: t.annotations,
    // MCP Apps: only the current key (not the deprecated "ui/resourceUri" too): the catalog stays small.
    ...(t.ui ? { _meta: { ui: { resourceUri: t.ui } } } : {}),
  };
}

export const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

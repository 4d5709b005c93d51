// What a tool file in tools/ declares, and how it becomes an MCP tool: structuredContent checked
// against the output schema plus a short text copy; expected failures come back as isError results.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult, Tool, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { isOkrError } from "../domain/errors.js";
import type { OkrService } from "../service/okr-service.js";

export interface ToolContext {
  service: OkrService;
  /** Today's date (YYYY-MM-DD) for this call. */
  today(): string;
  /** Author for writes when the caller names none. */
  author: string;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Required<Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint" | "openWorldHint">>;
  run(args: z.infer<I>, ctx: ToolContext): Promise<{ data: z.input<O>; text: string }>;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(t: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return t;
}

/** Runs a tool: only expected failures (OkrError) become isError results; bugs propagate. */
export async function callTool(t: ToolDefinition, args: unknown, ctx: ToolContext): Promise<CallToolResult> {
  try {
    const { data, text } = await t.run(args as never, ctx);
    // Parsing strips anything the schema does not name: outputs stay compact and exact.
    return { content: [{ type: "text", text }], structuredContent: t.output.parse(data) as Record<string, unknown> };
  } catch (e) {
    if (isOkrError(e) && e.code !== "internal") {
      const details = e.details.length ? `\n${e.details.map((d) => `- ${d}`).join("\n")}` : "";
      return { isError: true, content: [{ type: "text", text: `${e.message}${details}` }] };
    }
    throw e;
  }
}

export function registerTool(server: McpServer, t: ToolDefinition, ctx: ToolContext): void {
  server.registerTool(t.name, { title: t.title, description: t.description, inputSchema: t.input, outputSchema: t.output, annotations: t.annotations }, (args: unknown) =>
    callTool(t, args, ctx),
  );
}

/** Drops JSON-schema boilerplate that tells a model nothing; in output schemas also the
 *  `required` lists (every output field is always present, so they only repeat the names). */
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
export function listEntry(t: ToolDefinition): Tool {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: compactSchema(z.toJSONSchema(t.input, { io: "input" }), false) as Tool["inputSchema"],
    outputSchema: compactSchema(z.toJSONSchema(t.output, { io: "output" }), true) as Tool["outputSchema"],
    annotations: t.annotations,
  };
}

export const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

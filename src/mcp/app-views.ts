// Registers the MCP App views as resources: one self-contained HTML page each (script and styles
// inline, nothing fetched), bundled from web/src/mcp-app by scripts/build-web.js into dist/web/mcp-apps.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { registerAppResource, RESOURCE_MIME_TYPE } from "@modelcontextprotocol/ext-apps/server";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { projectRoot } from "../paths.js";
import { KR_VIEW, OVERVIEW_VIEW } from "./apps.js";

const VIEWS = [
  {
    name: "okr-overview-view",
    uri: OVERVIEW_VIEW,
    file: "overview.html",
    title: "OKR overview",
    description: "Objectives and key results with progress against pace (list_okrs, query_lagging_key_results).",
  },
  {
    name: "okr-key-result-view",
    uri: KR_VIEW,
    file: "key-result.html",
    title: "Key result chart",
    description: "A key result's burn-up chart: check-ins, pace line, forecast (get_key_result).",
  },
];

const cache = new Map<string, string>();
function viewHtml(file: string, uri: string): string {
  let html = cache.get(file);
  if (html === undefined) {
    try {
      html = readFileSync(join(projectRoot(), "dist", "web", "mcp-apps", file), "utf8");
    } catch {
      throw new McpError(ErrorCode.InternalError, `${uri} is not built: run npm run build in the okr-agent folder.`);
    }
    cache.set(file, html);
  }
  return html;
}

export function registerAppViews(server: McpServer): void {
  for (const v of VIEWS)
    registerAppResource(server, v.name, v.uri, { title: v.title, description: v.description, mimeType: RESOURCE_MIME_TYPE }, async () => ({
      contents: [{ uri: v.uri, mimeType: RESOURCE_MIME_TYPE, text: viewHtml(v.file, v.uri) }],
    }));
}

// An MCP client connected in memory to our server over a copy of the acme workspace.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createMcpServer } from "../../src/mcp/server.js";
import type { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, FIXTURE, importPath, openService, tempDir } from "../helpers.js";

export async function connectedClient(opts: { readOnly?: boolean; service?: OkrService } = {}) {
  const service = opts.service ?? (await openService(await tempDir()));
  if (!opts.service) await importPath(service, FIXTURE);
  const server = createMcpServer(service, { readOnly: opts.readOnly ?? false, today: () => AS_OF, author: "MCP Tester", version: "test" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "test-client", version: "1.0.0" });
  await client.connect(clientSide);
  return {
    client,
    service,
    call: (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
    async close() {
      await client.close();
      await server.close();
      await service.close();
    },
  };
}

export function text(r: CallToolResult): string {
  return r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

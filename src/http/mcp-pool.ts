// MCP over Streamable HTTP, stateless: each POST gets its own transport, and a server that no other
// request holds. Servers are kept and reused, one request at a time each, instead of being built
// per request: building one (every tool, resource and prompt registered) was ~256 KB of garbage a
// request, a third of what a check-in over HTTP promoted into the old generation.
//
// Why never one server for concurrent requests: the SDK matches messages to a connection by
// JSON-RPC id alone, and clients number their requests from 0, so a server or stateless transport
// shared by concurrent HTTP clients can hand one client's answer to another (GHSA-jm63-cq47-j5jp).
// A server here is connected to one request's transport at a time, and closed (its handlers and
// pending responses dropped) before another request can take it.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Actor } from "../domain/access.js";
import { callerAuth } from "../mcp/tool.js";

export class McpServerPool {
  private readonly idle: McpServer[] = [];
  /** Servers built so far (tests: reuse is observable). */
  built = 0;

  /** `make` builds a server whose tools take their caller from each request ("per-request"). */
  constructor(
    private readonly make: () => McpServer,
    private readonly maxBodyBytes: number,
    private readonly keep = 4,
  ) {}

  /** `request`'s body is read here with text(): on @hono/node-server's requests that reads the
   *  socket directly, where a body stream (what a transport reading the body itself gets) was a
   *  graph of web-stream objects that Node 20's scavenger keeps alive and promotes, about 40 KB a
   *  request into the old generation. */
  async handle(request: Request, caller: Actor): Promise<Response> {
    const text = await request.text();
    let parsedBody: unknown;
    try {
      parsedBody = JSON.parse(text);
    } catch {
      // Not JSON: the transport reads it again and answers with MCP's own parse error.
      request = new Request(request.url, { method: request.method, headers: request.headers, body: text });
    }
    return this.serve(request, caller, parsedBody);
  }

  private async serve(request: Request, caller: Actor, parsedBody: unknown): Promise<Response> {
    const server = this.idle.pop() ?? (this.built++, this.make());
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: this.maxBodyBytes });
    let reusable = false;
    try {
      await server.connect(transport);
      // JSON responses are complete once handleRequest resolves; nothing stays open per request.
      const response = await transport.handleRequest(request, { authInfo: callerAuth(caller), parsedBody });
      // `initialize` leaves the client's capabilities and name on the server, and the SDK has no
      // way to clear them: such a server is not handed to another client.
      reusable = server.server.getClientCapabilities() === undefined && server.server.getClientVersion() === undefined;
      return response;
    } finally {
      await server.close();
      if (reusable && this.idle.length < this.keep) this.idle.push(server);
    }
  }
}

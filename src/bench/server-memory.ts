// A server's memory under a stream of writes: `okr serve --http` on the bench workspace, its RSS
// after the first query, then after N check-ins logged over MCP (Linux: read from /proc).

import { memoryMb, serveChild } from "./serve-child.js";

export interface ServerMemory {
  firstQueryMb: number;
  afterWritesMb: number;
  /** The same, anonymous memory only (without the mapped library pages). */
  firstQueryAnonMb: number;
  afterWritesAnonMb: number;
}

export async function serverMemory(data: string, asOf: string, writes: number): Promise<ServerMemory | null> {
  if (process.platform !== "linux") return null;
  const server = await serveChild(data, asOf);
  try {
    const call = async (name: string, args: Record<string, unknown>) => {
      const { ok, body } = await server.callTool(name, args);
      if (!ok) throw new Error(`${name} failed: ${JSON.stringify(body).slice(0, 200)}`);
    };
    await call("query_lagging_key_results", { limit: 10 });
    const first = await memoryMb(server.child.pid!);
    // The values need not fit each KR's range: confirmed, so a far-off one is stored like the rest.
    for (let i = 0; i < writes; i++) await call("log_check_in", { keyResult: `KR${1 + (i % 5000)}.2`, value: 40 + (i % 50), confidence: 3, confirm: true });
    await call("query_lagging_key_results", { limit: 10 });
    const after = await memoryMb(server.child.pid!);
    return { firstQueryMb: first.rss, afterWritesMb: after.rss, firstQueryAnonMb: first.anon, afterWritesAnonMb: after.anon };
  } finally {
    await server.stop();
  }
}

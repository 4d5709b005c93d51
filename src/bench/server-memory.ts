// A server's memory under a stream of writes: `okr serve --http` on the bench workspace, its RSS
// after the first query, then after N check-ins logged over MCP (Linux: read from /proc).

import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../paths.js";

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export async function serverMemory(data: string, asOf: string, writes: number): Promise<{ firstQueryMb: number; afterWritesMb: number } | null> {
  if (process.platform !== "linux") return null;
  const child = spawn(process.execPath, [join(projectRoot(), "bin", "okr.js"), "serve", "--http", "--port", "0", "--data", data, "--as-of", asOf], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let err = "";
      child.stderr.on("data", (d) => {
        err += d;
        const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`okr serve exited ${code}: ${err.slice(-300)}`)));
    });
    let id = 0;
    const call = async (name: string, args: Record<string, unknown>) => {
      const res = await fetch(`${url}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method: "tools/call", params: { name, arguments: args } }),
      });
      const body = (await res.json()) as { result?: { isError?: boolean } };
      if (!res.ok || body.result?.isError) throw new Error(`${name} failed: ${JSON.stringify(body).slice(0, 200)}`);
    };
    await call("query_lagging_key_results", { limit: 10 });
    const firstQueryMb = await rssMb(child.pid!);
    for (let i = 0; i < writes; i++) await call("log_check_in", { keyResult: `KR${1 + (i % 5000)}.2`, value: 40 + (i % 50), confidence: 3 });
    await call("query_lagging_key_results", { limit: 10 });
    return { firstQueryMb, afterWritesMb: await rssMb(child.pid!) };
  } finally {
    child.kill("SIGTERM");
  }
}

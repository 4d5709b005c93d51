// `okr serve --http` in a child process on a data folder, for the benchmark and the stress suite:
// its URL once it listens, a JSON-RPC caller, and its memory (Linux: read from /proc).

import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../paths.js";

export async function rssMb(pid: number): Promise<number> {
  return (await memoryMb(pid)).rss;
}

/** Resident memory, and the part of it the process allocated (anonymous): the rest is mapped files,
 *  mostly the pages of native libraries' code that have run so far (LanceDB's is 100+ MB). */
export async function memoryMb(pid: number): Promise<{ rss: number; anon: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
  return { rss: kb("VmRSS"), anon: kb("RssAnon") };
}

export interface ServeChild {
  url: string;
  child: ChildProcess;
  /** Whether it exited before stop() asked it to. */
  crashed(): boolean;
  /** One JSON-RPC request to /mcp: the HTTP status and the parsed body (null if not JSON). */
  rpc(method: string, params: unknown, id?: number): Promise<{ status: number; body: unknown }>;
  /** tools/call: as rpc, and `ok` when the tool answered without isError. */
  callTool(name: string, args: unknown, id?: number): Promise<{ status: number; body: unknown; ok: boolean }>;
  stop(): Promise<void>;
}

export async function serveChild(data: string, asOf: string): Promise<ServeChild> {
  const child = spawn(process.execPath, [join(projectRoot(), "bin", "okr.js"), "serve", "--http", "--port", "0", "--data", data, "--as-of", asOf], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stopping = false,
    exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const url = await new Promise<string>((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`okr serve exited ${code}: ${err.slice(-300)}`)));
  });
  let nextId = 0;
  const rpc: ServeChild["rpc"] = async (method, params, id = ++nextId) => {
    const res = await fetch(`${url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: the caller counts it */
    }
    return { status: res.status, body };
  };
  return {
    url,
    child,
    crashed: () => exited && !stopping,
    rpc,
    async callTool(name, args, id) {
      const { status, body } = await rpc("tools/call", { name, arguments: args }, id);
      const result = (body as { result?: { isError?: boolean } } | null)?.result;
      return { status, body, ok: status === 200 && !!result && !result.isError };
    },
    async stop() {
      stopping = true;
      child.kill("SIGTERM");
      await exit;
    },
  };
}

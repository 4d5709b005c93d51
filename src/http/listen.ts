// Starts the HTTP app on a port (0 = any free one) and stops it cleanly.

import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { OkrError } from "../domain/errors.js";
import { createHttpApp, type HttpOptions } from "./app.js";
import { isLoopback } from "./guards.js";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Shortest OKR_HTTP_TOKEN accepted beyond loopback: guessing it must be out of reach. */
export const MIN_REMOTE_TOKEN = 32;

/** How long a client may take to send its headers, and its whole request: a slow or stalled one
 *  (a trickled body) is cut off instead of holding a connection for minutes. */
export const REQUEST_TIMEOUTS = { headersMs: 10_000, requestMs: 15_000 };

export async function listen(o: HttpOptions & { port: number; timeouts?: { headersMs: number; requestMs: number } }): Promise<RunningServer> {
  // Personal tokens (okr users) are 32 random bytes: they protect a server beyond loopback as well.
  if (!isLoopback(o.bindHost) && !o.token && !(await o.service.hasUsers()))
    throw new OkrError(
      "invalid_input",
      `Refusing to listen on ${o.bindHost} without tokens: anyone who can reach it could read and change your OKRs. Give people tokens (okr users add NAME --role admin), set OKR_HTTP_TOKEN, or listen on 127.0.0.1.`,
    );
  if (!isLoopback(o.bindHost) && o.token && o.token.length < MIN_REMOTE_TOKEN)
    throw new OkrError(
      "invalid_input",
      `Refusing to listen on ${o.bindHost} with a ${o.token.length}-character OKR_HTTP_TOKEN: beyond loopback it must be at least ${MIN_REMOTE_TOKEN} characters (e.g. openssl rand -hex 32).`,
    );
  const app = createHttpApp(o);
  const t = o.timeouts ?? REQUEST_TIMEOUTS;
  // Node checks these timeouts every connectionsCheckingInterval (30 s by default): check often.
  const serverOptions = { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: Math.min(1_000, t.headersMs / 2) };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: o.bindHost, port: o.port, serverOptions }, (info: AddressInfo) => {
      const host = o.bindHost.includes(":") && !o.bindHost.startsWith("[") ? `[${o.bindHost}]` : o.bindHost;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(e.code === "EADDRINUSE" ? new OkrError("conflict", `Port ${o.port} on ${o.bindHost} is already in use: pass --port with another one (or 0 for any free port).`) : e),
    );
  });
}

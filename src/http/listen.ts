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

export async function listen(o: HttpOptions & { port: number }): Promise<RunningServer> {
  if (!isLoopback(o.bindHost) && !o.token)
    throw new OkrError(
      "invalid_input",
      `Refusing to listen on ${o.bindHost} without a token: anyone who can reach it could read and change your OKRs. Set OKR_HTTP_TOKEN, or listen on 127.0.0.1.`,
    );
  const app = createHttpApp(o);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: o.bindHost, port: o.port }, (info: AddressInfo) => {
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

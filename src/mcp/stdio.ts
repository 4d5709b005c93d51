// MCP over stdio that ends the way clients end it: by closing our stdin. The SDK's transport does not
// watch for that; this one does, and answers every request already read before saying it is done,
// so `cat requests.jsonl | okr serve --stdio` gets all its responses.

import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { isJSONRPCErrorResponse, isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage, type RequestId } from "@modelcontextprotocol/sdk/types.js";

export class StdioUntilEnd implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];

  private readonly inner: StdioServerTransport;
  private readonly pending = new Set<RequestId>();
  private inputEnded = false;
  private finish!: () => void;
  /** Resolves once stdin has ended and every request read before that has been answered. */
  readonly ended = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    stdout: NodeJS.WritableStream = process.stdout,
  ) {
    this.inner = new StdioServerTransport(stdin as never, stdout as never);
  }

  async start(): Promise<void> {
    this.inner.onmessage = (message: JSONRPCMessage) => {
      if (isJSONRPCRequest(message)) this.pending.add(message.id);
      // A cancelled request gets no response: stop waiting for one.
      if (isJSONRPCNotification(message) && message.method === "notifications/cancelled") this.settle((message.params as { requestId?: RequestId } | undefined)?.requestId);
      this.onmessage?.(message);
    };
    this.inner.onerror = (e) => this.onerror?.(e);
    this.inner.onclose = () => this.onclose?.();
    const end = () => {
      this.inputEnded = true;
      this.settle(undefined);
    };
    this.stdin.once("end", end);
    this.stdin.once("close", end);
    await this.inner.start();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    await this.inner.send(message);
    if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) this.settle(message.id);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private settle(id: RequestId | undefined): void {
    if (id !== undefined) this.pending.delete(id);
    if (this.inputEnded && this.pending.size === 0) this.finish();
  }
}

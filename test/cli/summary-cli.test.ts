// okr summary and okr remind as a person runs them, and delivery to a webhook receiver on 127.0.0.1.

import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, cleanup, tempDir } from "../helpers.js";

const BIN = join(import.meta.dirname, "../../bin/okr.js");
const run = promisify(execFile);
const okr = (args: string[]) =>
  run(process.execPath, [BIN, ...args]).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

let data: string;
let receiver: Server;
let url: string;
const received: { text: string }[] = [];
let plan: number[] = []; // status codes to answer with, in order (then 200)

beforeAll(async () => {
  data = await tempDir();
  await run(process.execPath, [BIN, "import", FIXTURE, "--data", data]);
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const status = plan.shift() ?? 200;
      if (status === 200) received.push(JSON.parse(body));
      res.writeHead(status).end(status === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await cleanup();
});

/** A port nothing listens on: one the OS just gave us, closed again. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("okr summary", () => {
  it("--format json gives markdown, facts, grounded, claims and the writer", async () => {
    const r = await okr(["summary", "--as-of", AS_OF, "--data", data, "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["markdown", "facts", "grounded", "claims", "writer"]);
    expect(out).toMatchObject({ grounded: true, writer: "template" });
    expect(out.markdown).toContain("furthest behind: KR1.3");
  });
  it("posts the Slack version to a webhook, retrying a server error", async () => {
    plan = [500];
    received.length = 0;
    const r = await okr(["summary", "--as-of", AS_OF, "--data", data, "--post-to", url, "--lang", "vi"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Posted to 127.0.0.1");
    expect(r.stderr).toContain("(after 2 attempts)");
    expect(received).toHaveLength(1);
    expect(received[0]!.text.split("\n")[0]).toBe("*Tóm tắt OKR tuần, 2026-11-20 đến 2026-11-26*");
  });
  it("reports a webhook that keeps failing or cannot be reached in one line (exit 3), and a refused one at once (exit 1)", async () => {
    plan = [503, 503, 503];
    const down = await okr(["summary", "--as-of", AS_OF, "--data", data, "--post-to", url]);
    expect(down.code).toBe(3); // a remote failure: neither the caller's input (1) nor our bug (2)
    expect(down.stderr).toMatch(
      /^okr summary: Could not post to 127\.0\.0\.1:\d+ after 3 attempts \(last: HTTP 503 nope\)\. Nothing was sent; check the --post-to URL, or try again later\.\n$/,
    );
    const closed = await closedPort();
    const unreachable = await okr(["remind", "--as-of", AS_OF, "--data", data, "--post-to", `http://127.0.0.1:${closed}/hook`]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toBe(
      `okr remind: Could not post to 127.0.0.1:${closed} after 3 attempts (last: connection refused: nothing is listening there). Nothing was sent; check the --post-to URL, or try again later.\n`,
    );
    plan = [404];
    const refused = await okr(["remind", "--as-of", AS_OF, "--data", data, "--post-to", url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refused the message (HTTP 404 nope). Check the URL.");
    plan = [];
  }, 30_000);
  it("okr remind lists owners without a check-in this week", async () => {
    const r = await okr(["remind", "--as-of", AS_OF, "--data", data]);
    expect(r.stdout).toBe("No check-in this week (2026-11-20 to 2026-11-26):\n• Bao Le: KR2.3 Lift onboarding completion from 52% to 80% (last 2026-10-30)\n");
  });
});

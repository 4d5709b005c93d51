#!/usr/bin/env node
// Entry point of the `okr` command: compiles the TypeScript sources to dist/ first if they changed
// since the last build (saying so on stderr), then runs the compiled CLI.
import { ensureBuilt } from "../scripts/ensure-built.js";

if (!ensureBuilt()) process.exit(2);
const { runCli } = await import("../dist/src/cli/main.js");

// `okr lagging | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  color: process.stdout.isTTY === true && !("NO_COLOR" in process.env),
});
process.exitCode = code;
// The command is done, and the store has waited (at most 10 s) for its background work: exit now,
// once the output is flushed. A LanceDB index build still running (seen at 160,000 KRs) would
// otherwise keep the process alive for minutes after it answered; leaving it loses nothing.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));

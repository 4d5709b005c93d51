// `node drain-main.js DIR`: moves the journal of the workspace in DIR into its table, waits for the
// compaction or index work that commit starts (bounded, see LanceStore.close), and exits. What a
// server runs for each drain (drain-process.ts); a failure is one line starting DRAIN_ERROR_PREFIX.

import { DRAIN_ERROR_PREFIX } from "./drain-process.js";
import { LanceStore } from "./lance-store.js";

const dir = process.argv[2];
try {
  if (!dir) throw new Error("usage: node drain-main.js DIR");
  const store = await LanceStore.open(dir);
  try {
    await store.drainHere();
  } finally {
    await store.close();
  }
} catch (e) {
  process.stderr.write(`${DRAIN_ERROR_PREFIX}${(e as Error).message.split("\n")[0]}\n`);
  process.exitCode = 1;
}
// An index build that close() left (at 160,000 KRs LanceDB's never finishes) would keep the process
// alive: it is abandoned, as close() says, once stderr is flushed.
process.stderr.write("", () => process.exit());

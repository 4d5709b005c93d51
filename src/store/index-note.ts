// A search-index build that a process left unfinished (LanceStore.close) is noted beside the table,
// so that the processes after it do not each start one again: at 160,000 KRs LanceDB's build never
// finishes, and every write there (a command's, each of a server's drains) spent 2 s on it and
// warned. Another build is tried once the table has a quarter more rows, or a day later. Only a
// hint: without the note (deleted, unreadable) a build is simply tried.

import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const INDEX_NOTE_FILE = "search-index.left";
const RETRY_AFTER_MS = 24 * 3600_000;
const RETRY_AT_GROWTH = 1.25;

interface IndexNote {
  rows: number;
  at: number;
}

export async function noteIndexLeft(dir: string, rows: number, now = Date.now()): Promise<void> {
  await writeFile(join(dir, INDEX_NOTE_FILE), `${JSON.stringify({ rows, at: now } satisfies IndexNote)}\n`);
}

/** Whether a build was left at about this size, recently: then none is started now. */
export async function indexLeftRecently(dir: string, rows: number, now = Date.now()): Promise<boolean> {
  const note = await readFile(join(dir, INDEX_NOTE_FILE), "utf8")
    .then((t) => JSON.parse(t) as Partial<IndexNote>)
    .catch(() => null);
  if (typeof note?.rows !== "number" || typeof note.at !== "number") return false;
  return now - note.at < RETRY_AFTER_MS && now >= note.at && rows < note.rows * RETRY_AT_GROWTH;
}

export async function forgetIndexLeft(dir: string): Promise<void> {
  await rm(join(dir, INDEX_NOTE_FILE), { force: true });
}

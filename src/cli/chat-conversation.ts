// A one-shot `okr chat` keeps its conversation as data in the data directory, so that the next
// `okr chat --continue` picks it up: the model messages so far, and the writes waiting for a yes.

import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelMessage } from "ai";
import type { PendingWrite } from "../agent/approval.js";
import { OkrError } from "../domain/errors.js";

export interface StoredConversation {
  version: 1;
  updatedAt: string;
  model: string;
  messages: ModelMessage[];
  /** Writes the agent proposed that wait for `okr chat --continue --yes` (or a no). */
  pending: PendingWrite[];
}

/** <data>/.okr-chat/<id>.json; the id names a conversation (default "last"). */
export function conversationPath(dataDir: string, id = "last"): string {
  if (!/^[A-Za-z0-9][\w.-]{0,63}$/.test(id) || id.includes(".."))
    throw new OkrError("invalid_input", `--conversation "${id}" is not a name: use letters, digits, dots, dashes or underscores, e.g. --conversation sales-review`);
  return join(dataDir, ".okr-chat", `${id}.json`);
}

export async function loadConversation(path: string): Promise<StoredConversation | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  try {
    const c = JSON.parse(text) as StoredConversation;
    if (c.version !== 1 || !Array.isArray(c.messages) || !Array.isArray(c.pending)) throw new Error("unknown format");
    return c;
  } catch (e) {
    throw new OkrError("invalid_input", `${path} is not a conversation okr chat can continue (${(e as Error).message}): start a new one with okr chat "MESSAGE".`, { cause: e });
  }
}

/** Written whole (to a temporary file, then renamed), so a crash never leaves half a conversation. */
export async function saveConversation(path: string, c: StoredConversation): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(c, null, 1) + "\n");
  await rename(tmp, path);
}

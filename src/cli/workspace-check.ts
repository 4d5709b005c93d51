// Read commands refuse a --data folder without a workspace: opening a missing folder looks like an
// empty workspace, so a typo in the path used to answer "nothing is lagging".

import { readdir, stat } from "node:fs/promises";
import { OkrError } from "../domain/errors.js";
import { isLocalPath } from "../paths.js";

/** Throws not_found, naming the folder and the ways to fix it, unless `dir` holds a workspace. */
export async function requireWorkspace(dir: string, holdsWorkspace: (dir: string) => Promise<boolean>): Promise<void> {
  if (!isLocalPath(dir)) return; // an object-store URI: the store checks it when it opens
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) return; // the store's own message says it is a file
  if (info && (await holdsWorkspace(dir))) return;
  const create = `okr import FOLDER --data ${dir}, or okr demo --data ${dir} for a demo`;
  if (!info) throw new OkrError("not_found", `No OKR workspace at ${dir} (the folder does not exist). Check --data or OKR_DATA_DIR, or create one: ${create}.`);
  const files = await readdir(dir).catch(() => [] as string[]);
  if (files.some((f) => /^(okrs|checkins)\.csv$|\.json$/i.test(f)))
    throw new OkrError("not_found", `${dir} holds files to import, not an OKR workspace: okr import ${dir} --data NEW_FOLDER, then use --data NEW_FOLDER.`);
  throw new OkrError("not_found", `No OKR workspace in ${dir}${files.length ? "" : " (the folder is empty)"}. Check --data or OKR_DATA_DIR, or create one: ${create}.`);
}

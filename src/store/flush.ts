// Durability of a local data directory. LanceDB (0.31) writes a commit's files and publishes its
// manifest without fsync, so a commit it acknowledged could vanish on a power loss. After each
// commit (and each background compaction) we fsync every file and directory the commit created:
// the tree is listed (names only) and compared with the listing before the write. Object-store
// URIs need none of this: a PUT is durable once acknowledged.

import { open, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Every path under `root` but the top-level names `skip` says are not the store's. */
async function listTree(root: string, skip: (name: string) => boolean): Promise<Map<string, boolean>> {
  const entries = new Map<string, boolean>();
  try {
    for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
      // `parentPath` from Node 20.12; `path` before it.
      const parent = (e as { parentPath?: string }).parentPath ?? (e as unknown as { path: string }).path;
      if (parent === root && skip(e.name)) continue;
      entries.set(join(parent, e.name), e.isDirectory());
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return entries;
}

async function fsyncPath(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, "r");
  } catch (e) {
    // Removed since the listing (a compaction's clean-up): nothing of ours to keep.
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  try {
    await fh.sync();
    return true;
  } finally {
    await fh.close();
  }
}

export class DirectoryFlusher {
  private known: Map<string, boolean> | null = null;
  /** Files and directories synced by the last flush (tests and the bench read it). */
  lastSynced: string[] = [];

  /** `skip`: top-level names that are not the store's (a lock, a cache), never listed or synced. */
  constructor(
    private readonly root: string,
    private readonly skip: (name: string) => boolean = () => false,
  ) {}

  /** Before a write: what exists already (listed once; later flushes keep it current). */
  async before(): Promise<void> {
    if (!this.known) this.known = await listTree(this.root, this.skip);
  }

  /** After a write: fsync what it created, then the directories holding the new entries (so the
   *  names themselves survive), the root's parent included when the root is new. */
  async after(): Promise<void> {
    const now = await listTree(this.root, this.skip);
    const known = this.known ?? new Map();
    const fresh = [...now.keys()].filter((p) => !known.has(p));
    const dirs = new Set(fresh.map((p) => dirname(p)));
    for (const p of fresh) if (now.get(p)) dirs.add(p);
    if (!known.size) dirs.add(dirname(this.root));
    const files = fresh.filter((p) => !now.get(p));
    const synced: string[] = [];
    // Files first, then the directories that name them.
    for (const batch of [files, [...dirs]]) {
      const done = await Promise.all(batch.map(async (p) => ((await fsyncPath(p)) ? p : null)));
      for (const p of done) if (p) synced.push(p);
    }
    this.known = now;
    this.lastSynced = synced;
  }
}

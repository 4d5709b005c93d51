// The directory lock: one holder at a time, across waiters that all find the same dead owner.

import { spawnSync } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withDirLock } from "../../src/store/dir-lock.js";
import { cleanup, tempDir } from "../helpers.js";

afterAll(cleanup);

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;

describe("withDirLock", () => {
  it("lets one waiter at a time take over a lock whose owner is gone", async () => {
    for (let round = 0; round < 10; round++) {
      const dir = await tempDir();
      await writeFile(join(dir, "import.lock"), `${deadPid()}\n`);
      let inside = 0,
        most = 0,
        done = 0;
      await Promise.all(
        Array.from({ length: 6 }, () =>
          withDirLock(dir, "import", async () => {
            most = Math.max(most, ++inside);
            await new Promise((r) => setTimeout(r, 2));
            inside--;
            done++;
          }),
        ),
      );
      expect(done).toBe(6);
      expect(most, `round ${round}`).toBe(1);
      expect(await readdir(dir)).toEqual([]);
    }
  });
});

// The note of a search-index build left unfinished (src/store/index-note.ts): when the next build waits.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INDEX_NOTE_FILE, forgetIndexLeft, indexLeftRecently, noteIndexLeft } from "../../src/store/index-note.js";
import { cleanup, tempDir } from "../helpers.js";

afterAll(cleanup);

describe("a search-index build left unfinished", () => {
  it("puts the next build off until the table has a quarter more rows or a day has passed", async () => {
    const dir = await tempDir();
    const at = Date.parse("2026-11-28T08:00:00Z");
    expect(await indexLeftRecently(dir, 100, at)).toBe(false); // no note
    await noteIndexLeft(dir, 4_000_000, at);
    expect(await indexLeftRecently(dir, 4_000_010, at + 60_000)).toBe(true);
    expect(await indexLeftRecently(dir, 4_999_999, at + 60_000)).toBe(true);
    expect(await indexLeftRecently(dir, 5_000_000, at + 60_000)).toBe(false);
    expect(await indexLeftRecently(dir, 4_000_010, at + 24 * 3600_000)).toBe(false);
    expect(await indexLeftRecently(dir, 4_000_010, at - 60_000)).toBe(false); // a clock set back
    await forgetIndexLeft(dir);
    expect(await indexLeftRecently(dir, 4_000_010, at + 60_000)).toBe(false);
    await forgetIndexLeft(dir); // twice is fine
  });

  it("is only a hint: a damaged note lets a build be tried", async () => {
    const dir = await tempDir();
    for (const text of ["", "{", '{"rows":"many","at":1}', "null"]) {
      await writeFile(join(dir, INDEX_NOTE_FILE), text);
      expect(await indexLeftRecently(dir, 1, 2)).toBe(false);
    }
  });
});

// okr import --replace's folder moves: the old data directory is kept under a timestamped name.

import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkReplaceable, freeSibling, stamp, swapIn } from "../../src/io/replace-dir.js";
import { cleanup, tempDir } from "../helpers.js";

afterEach(cleanup);
const NOW = new Date("2026-11-26T09:41:34.567Z");

describe("replace-dir", () => {
  it("names siblings by UTC time and never reuses a taken name", async () => {
    const root = await tempDir();
    expect(stamp(NOW)).toBe("20261126-094134");
    expect(await freeSibling(join(root, "data"), "replaced", NOW)).toBe(join(root, "data.replaced-20261126-094134"));
    await mkdir(join(root, "data.replaced-20261126-094134"));
    expect(await freeSibling(join(root, "data"), "replaced", NOW)).toBe(join(root, "data.replaced-20261126-094134-2"));
  });

  it("moves the old folder aside whole and puts the new one in its place", async () => {
    const root = await tempDir();
    await mkdir(join(root, "data"));
    await writeFile(join(root, "data", "old.txt"), "old");
    await mkdir(join(root, "fresh"));
    await writeFile(join(root, "fresh", "new.txt"), "new");
    const aside = await swapIn(join(root, "data"), join(root, "fresh"), NOW);
    expect(aside).toBe(join(root, "data.replaced-20261126-094134"));
    expect(await readFile(join(aside!, "old.txt"), "utf8")).toBe("old");
    expect(await readdir(join(root, "data"))).toEqual(["new.txt"]);
    expect((await readdir(root)).sort()).toEqual(["data", "data.replaced-20261126-094134"]);
  });

  it("keeps nothing when there was nothing: no folder, or an empty one", async () => {
    const root = await tempDir();
    await mkdir(join(root, "fresh"));
    expect(await swapIn(join(root, "data"), join(root, "fresh"), NOW)).toBeNull();
    expect(await readdir(join(root, "data"))).toEqual([]);
    await mkdir(join(root, "fresh2"));
    await writeFile(join(root, "fresh2", "new.txt"), "new");
    expect(await swapIn(join(root, "data"), join(root, "fresh2"), NOW)).toBeNull(); // the empty data folder is simply replaced
    expect(await readdir(root)).toEqual(["data"]);
    expect(await readdir(join(root, "data"))).toEqual(["new.txt"]);
  });

  it("refuses to move the folder the command runs in, or one holding it", () => {
    expect(() => checkReplaceable("/a/data", "/a/data")).toThrow(/current folder or holds it/);
    expect(() => checkReplaceable("/a/data", "/a/data/sub")).toThrow(/current folder or holds it/);
    expect(() => checkReplaceable("/a/data", "/a")).not.toThrow();
    expect(() => checkReplaceable("/a/data", "/a/data2")).not.toThrow();
  });
});

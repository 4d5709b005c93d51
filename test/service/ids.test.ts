import { describe, expect, it } from "vitest";
import { newId } from "../../src/service/ids.js";

describe("record ids", () => {
  it("are version 4 UUIDs in crypto.randomUUID()'s form, unique across many refills of the pool", () => {
    const n = 256 * 40 + 7; // the pool holds 256
    const ids = Array.from({ length: n }, newId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(n);
    // Random bits, not a counter: every hex digit position outside the fixed ones takes many values.
    const hex = ids.map((id) => id.replace(/-/g, ""));
    for (const at of [0, 11, 13, 17, 31]) expect(new Set(hex.map((h) => h[at])).size, `digit ${at}`).toBe(16);
  });
});

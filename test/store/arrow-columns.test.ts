// utf8Column builds Arrow string columns by hand (offsets, validity, one encode): every shape of
// column must read back exactly as given.

import { describe, expect, it } from "vitest";
import { readRepeatedUtf8, utf8Column } from "../../src/store/arrow-columns.js";

const cases: Record<string, (string | null)[]> = {
  "all alike": Array.from({ length: 20 }, () => "check_in"),
  "alike with nulls between": ["KR1", null, "KR1", null, null, "KR1"],
  "all null": [null, null, null],
  "empty strings and nulls": ["", null, "", "x", ""],
  "runs of repeats": ["a", "a", "b", "b", "b", "a", "ccc"],
  "non-ASCII, all alike": ["Đạt", null, "Đạt", "Đạt"],
  "non-ASCII": ["Việt Nam", "Tăng doanh thu 20%", "Việt Nam", "日本", null, "🙂 ok"],
  "unique ids": Array.from({ length: 50 }, (_, i) => `id-${i}-${"x".repeat(i % 7)}`),
  empty: [],
};

describe("utf8Column", () => {
  for (const [name, values] of Object.entries(cases)) {
    it(`reads back ${name}`, () => {
      const v = utf8Column(values);
      expect(v.length).toBe(values.length);
      expect(Array.from({ length: values.length }, (_, i) => v.get(i))).toEqual(values);
      expect(v.nullCount).toBe(values.filter((x) => x === null).length);
      // The scan-side reader agrees (nulls read as "").
      expect(readRepeatedUtf8(v as never)).toEqual(values.map((x) => x ?? ""));
    });
  }
});

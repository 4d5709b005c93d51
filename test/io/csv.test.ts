import { describe, expect, it } from "vitest";
import { escapeFormula, parseCsv, toCsv, unescapeFormula } from "../../src/io/csv.js";

describe("parseCsv", () => {
  it("handles a BOM, CRLF, quoted commas, escaped quotes and newlines inside quotes, with line numbers", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\r\n\r\n3,,\r\n';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.cells)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "two\nlines", "z"],
      ["3", "", ""],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });
  it("keeps Vietnamese text intact", () => {
    expect(parseCsv("t\nGiảm chu kỳ bán hàng từ 42 xuống 30 ngày\n").records[1]!.cells[0]).toBe("Giảm chu kỳ bán hàng từ 42 xuống 30 ngày");
  });
  it("reports an unterminated quote with its line", () => {
    expect(parseCsv('a,b\n1,"oops\n2,3\n').problems).toEqual([{ line: 2, message: 'a quoted cell is never closed (missing ")' }]);
  });
});

describe("formula escaping", () => {
  it("prefixes cells a spreadsheet would run and leaves the rest", () => {
    for (const bad of ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tx"]) expect(escapeFormula(bad)).toBe(`'${bad}`);
    expect(escapeFormula("Reduce churn")).toBe("Reduce churn");
    expect(unescapeFormula("'=1+1")).toBe("=1+1");
    expect(unescapeFormula("'quoted")).toBe("'quoted");
  });
  it("toCsv escapes text cells, writes numbers plainly and quotes what needs it", () => {
    const csv = toCsv(["a", "b", "c"], [["=cmd|' /C calc'!A0", -5, "x, y"]]);
    expect(csv).toBe("a,b,c\r\n'=cmd|' /C calc'!A0,-5,\"x, y\"\r\n");
  });
});

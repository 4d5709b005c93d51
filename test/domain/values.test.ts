// The one number reader (domain/values.ts): English and Vietnamese spellings, and how the agent, the
// CLI and the import each reach it.

import { describe, expect, it } from "vitest";
import { findNumbers, readNumber as agentReadNumber } from "../../src/agent/local/parse.js";
import { parseNumber } from "../../src/io/import-data.js";
import { plainDigits, readNumber } from "../../src/domain/values.js";

const value = (text: string, source?: "text" | "cell") => readNumber(text, source)?.value ?? null;

describe("readNumber: English", () => {
  it.each([
    ["52", 52],
    ["53.4", 53.4],
    ["-3.5", -3.5],
    ["+7", 7],
    [".5", 0.5],
    ["5.", 5],
    ["0.615", 0.615],
    ["1234.567", 1234.567],
    ["1,200", 1200],
    ["1,200,000", 1_200_000],
    ["1,200.5", 1200.5],
    ["1.2M", 1_200_000],
    ["15k", 15_000],
    ["15 K", 15_000],
    ["1.2bn", 1_200_000_000],
    ["2B", 2_000_000_000],
    ["3 million", 3_000_000],
    ["1.5 billion", 1_500_000_000],
    ["8 thousand", 8000],
    ["1e5", 100_000],
    ["1.5E-3", 0.0015],
  ])("%j → %d", (text, n) => expect(value(text)).toBe(n));
});

describe("readNumber: Vietnamese", () => {
  it.each([
    ["53,4", 53.4],
    ["3,25", 3.25],
    ["0,615", 0.615],
    ["1,2345", 1.2345],
    ["1.200.000", 1_200_000],
    ["1.200,5", 1200.5],
    ["1,2 triệu", 1_200_000],
    ["1,2 trieu", 1_200_000],
    ["1,5 Triệu", 1_500_000],
    ["5tr", 5_000_000],
    ["1tr4", 1_400_000],
    ["1tr45", 1_450_000],
    ["2k5", 2500],
    ["1tỷ2", 1_200_000_000],
    ["3 tỷ", 3_000_000_000],
    ["3 tỉ", 3_000_000_000],
    ["3 ty", 3_000_000_000],
    ["8 nghìn", 8000],
    ["8 ngàn", 8000],
    ["nửa triệu", 500_000],
    ["nua trieu", 500_000],
    ["Nửa tỷ", 500_000_000],
  ])("%j → %d", (text, n) => expect(value(text)).toBe(n));
});

describe("readNumber: the same number however it is written", () => {
  it.each([
    [53.4, ["53.4", "53,4"]],
    [1_200_000, ["1,200,000", "1.200.000", "1.2M", "1,2 triệu", "1.2 million", "1200k", "1tr2"]],
    [1_400_000, ["1tr4", "1.4M", "1,4 triệu", "1,400,000"]],
    [1_200_000_000, ["1.2bn", "1,2 tỷ", "1tỷ2", "1.2B"]],
    [500_000, ["nửa triệu", "0.5M", "500k", "500,000"]],
  ])("%d", (n, spellings) => {
    for (const s of spellings) expect(value(s), s).toBe(n);
  });
  it("reads a trailing % as the number, flagged", () => {
    expect(readNumber("52%")).toEqual({ value: 52, percent: true });
    expect(readNumber("53,4 %")).toEqual({ value: 53.4, percent: true });
  });
  it.each(["", "abc", "12..3", "5x", "1 200", "1,20,000", "1.2.3", "1m4", "1e5k", "1,5e3", "nửa", "5 minutes", "0x1F"])("rejects %j", (text) =>
    expect(readNumber(text)).toBeNull(),
  );
});

describe("the comma and dot rules", () => {
  it("a comma before exactly three digits groups thousands; before one, two or four and more it is decimal", () => {
    expect(value("1,200")).toBe(1200);
    expect(value("1,20")).toBe(1.2);
    expect(value("1,2")).toBe(1.2);
    expect(value("1,2345")).toBe(1.2345);
    expect(value("0,615")).toBe(0.615); // a leading 0 never starts a thousands group
  });
  it("a lone dot before three digits is Vietnamese thousands in text, flagged, and a decimal point in a cell", () => {
    expect(readNumber("45.200")).toEqual({ value: 45_200, percent: false, ambiguous: true });
    expect(readNumber("45.200", "cell")).toEqual({ value: 45.2, percent: false });
    expect(readNumber("3.125", "cell")).toEqual({ value: 3.125, percent: false });
    // Before a scale word it is a decimal: nobody writes 1,365 million as "1.365M".
    expect(readNumber("1.365M")).toEqual({ value: 1_365_000, percent: false });
    expect(readNumber("45.200k")).toEqual({ value: 45_200, percent: false });
    // Unmistakable groupings mean the same in both.
    for (const source of ["text", "cell"] as const) {
      expect(value("1.200.000", source)).toBe(1_200_000);
      expect(value("1.200,5", source)).toBe(1200.5);
      expect(value("0.615", source)).toBe(0.615);
      expect(value("53.45", source)).toBe(53.45);
    }
  });
  it("plainDigits gives the digits themselves (the grounding check counts decimals)", () => {
    expect(plainDigits("1.200.000,50")).toBe("1200000.50");
    expect(plainDigits("61,5")).toBe("61.5");
    expect(plainDigits("1,2,3")).toBeNull();
  });
});

describe("every reader is this one", () => {
  it("the agent reads numbers inside a message with it", () => {
    const found = (text: string) => findNumbers(text).map((n) => n.value.value);
    expect(found("MRR 1tr4 tuần này")).toEqual([1_400_000]);
    expect(found("doanh thu đạt nửa triệu đô")).toEqual([500_000]);
    expect(found("ARR hit 1.2bn, confidence 4")).toEqual([1_200_000_000, 4]);
    expect(found("KR7.1 giờ là 45.200 lượt truy cập/tháng")).toEqual([45_200]);
    expect(found("time-to-value còn 3,6 ngày")).toEqual([3.6]);
    expect(found("15 minutes")).toEqual([15]);
    expect(agentReadNumber).toBe(readNumber);
  });
  it("import cells keep what they accepted and read the rest like everyone else", () => {
    for (const [cell, n] of [
      ["53.4", 53.4],
      ["3.125", 3.125],
      ["1e5", 100_000],
      [".5", 0.5],
      ["-2", -2],
      ["45.200", 45.2],
    ] as const)
      expect(parseNumber(cell), cell).toBe(n);
    for (const [cell, n] of [
      ["1,200,000", 1_200_000],
      ["53,4", 53.4],
      ["1.2M", 1_200_000],
      ["1,2 triệu", 1_200_000],
      ["1tr4", 1_400_000],
    ] as const)
      expect(parseNumber(cell), cell).toBe(n);
    expect(parseNumber("52%")).toBeNull(); // a confidence or a weight is never a percentage
    expect(parseNumber("52%", { percent: true })).toBe(52);
    expect(parseNumber("abc")).toBeNull();
  });
});

// The grounding check: invented numbers, wrong refs, and the many ways one number can be written.

import { describe, expect, it } from "vitest";
import { checkGrounding, numberMatches, type GroundingContext } from "../../src/domain/grounding.js";

const ctx: GroundingContext = {
  facts: [
    { id: "F1", values: [0.6154, 0.05, 2], dates: ["2026-11-20"] },
    { id: "F2", values: [1_200_000, 0.2654], dates: [] },
    { id: "F3", values: [], dates: ["2026-11-20"], quote: "No improvement yet. Churn survey says onboarding gaps and price." },
  ],
  titles: new Map([
    ["KR1.3", "Reduce monthly logo churn from 5% to 3%"],
    ["KR1.2", "Grow monthly recurring revenue from $1.20M to $1.50M"],
    ["2026-Q4", "2026-Q4"],
  ]),
  dates: ["2026-11-26"],
};
const verdict = (text: string) => checkGrounding(text, ctx);

describe("numbers under their own rounding and format", () => {
  it.each([
    ["61.5%", 0.6154, true],
    ["62%", 0.6154, true],
    ["0.615", 0.6154, true],
    ["0.62", 0.6154, true],
    ["61%", 0.6154, false],
    ["0.6", 0.6154, true],
    ["0.7", 0.6154, false],
    ["1,200,000", 1_200_000, true],
    ["$1.2M", 1_200_000, true],
    ["1.2M", 1_200_000, true],
    ["1200k", 1_200_000, true],
    ["$1.3M", 1_200_000, false],
    ["1.200.000", 1_200_000, true],
    ["27 pts", 0.2654, true],
    ["26.5 pts", 0.2654, true],
    ["28 pts", 0.2654, false],
  ])("%s vs %d → %s", (claim, value, ok) => expect(numberMatches(claim, value)).toBe(ok));
});

describe("checkGrounding", () => {
  it("accepts a text whose numbers, dates, refs and quotes all come from the facts or stored titles", () => {
    const r = verdict(
      'KR1.3 Reduce monthly logo churn from 5% to 3% is at 5% against 62% expected, confidence 2/5, last checked in 2026-11-20 (2026-Q4) [F1]: "No improvement yet. Churn survey says onboarding gaps and price."',
    );
    expect(r.claims.filter((c) => !c.grounded)).toEqual([]);
    expect(r.grounded).toBe(true);
    // 2026-Q4 is a stored name (like the KR title) and so no claim.
    expect(r.claims.map((c) => c.kind).sort()).toEqual(["date", "number", "number", "number", "quote", "ref"]);
    expect(r.claims.find((c) => c.text === "62%")!.factIds).toEqual(["F1"]);
  });
  it("catches an invented number", () => {
    const r = verdict("KR1.3 is 71 pts behind pace.");
    expect(r.grounded).toBe(false);
    expect(r.claims.filter((c) => !c.grounded).map((c) => c.text)).toEqual(["71 pts"]);
  });
  it("catches a ref that does not exist and a date no fact names", () => {
    const r = verdict("KR42.1 slipped on 2026-11-21.");
    expect(
      r.claims
        .filter((c) => !c.grounded)
        .map((c) => c.text)
        .sort(),
    ).toEqual(["2026-11-21", "KR42.1"]);
  });
  it("catches an altered quote and a wrong confidence", () => {
    const r = verdict('Linh wrote "Churn is fixed." and reports confidence 4/5.');
    expect(r.claims.filter((c) => !c.grounded).map((c) => c.text)).toEqual(["Churn is fixed.", "4/5"]);
  });
  it("does not count numbers in stored titles or fact ids as claims", () => {
    const r = verdict("KR1.2 Grow monthly recurring revenue from $1.20M to $1.50M reached $1.2M. [F2, F1]");
    expect(r.claims.filter((c) => c.kind === "number").map((c) => c.text)).toEqual(["$1.2M"]);
    expect(r.grounded).toBe(true);
  });
});

describe("number reading shared by the agent", () => {
  it("reads 0.615 as a decimal, 1.200.000 as Vietnamese thousands", async () => {
    const { readNumber } = await import("../../src/agent/local/parse.js");
    expect(readNumber("0.615")).toEqual({ value: 0.615, percent: false });
    expect(readNumber("1.200.000")).toEqual({ value: 1_200_000, percent: false });
    expect(readNumber("53,4")).toEqual({ value: 53.4, percent: false });
    expect(readNumber("1,200,000")).toEqual({ value: 1_200_000, percent: false });
  });
});

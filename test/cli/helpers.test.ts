// The small pure helpers behind the CLI's messages: counts, statuses, forecast wording, guesses, numbers.

import { describe, expect, it } from "vitest";
import { wholeNumber } from "../../src/cli/args.js";
import { forecastBasis } from "../../src/cli/commands/kr.js";
import { closest, editDistance } from "../../src/cli/suggest.js";
import { count, statusText } from "../../src/domain/wording.js";
import { networkReason } from "../../src/io/net-error.js";

describe("wording", () => {
  it("counts in the right number and words statuses", () => {
    expect([count(0, "objective"), count(1, "objective"), count(2, "check-in"), count(1200, "key result")]).toEqual([
      "0 objectives",
      "1 objective",
      "2 check-ins",
      "1,200 key results",
    ]);
    expect(count(1, "person", "people") + " / " + count(3, "person", "people")).toBe("1 person / 3 people");
    expect([statusText("off_track"), statusText("at_risk"), statusText("on_track"), statusText("completed"), statusText(null)]).toEqual([
      "off track",
      "at risk",
      "on track",
      "completed",
      "-",
    ]);
  });

  it("says what a forecast rests on with the check-ins counted apart from the start value", () => {
    expect(forecastBasis({ method: "least_squares", points: 9 })).toBe("least squares over 8 check-ins and the start value");
    expect(forecastBasis({ method: "linear_pace", points: 2 })).toBe("straight line from the start value through 1 check-in");
    expect(forecastBasis({ method: "linear_pace", points: 1 })).toBe("no check-in yet: the start value");
    expect(forecastBasis({ method: "current", points: 3 })).toBe("the current value: a milestone or threshold has no trend");
  });
});

describe("did you mean", () => {
  const commands = ["lagging", "tree", "kr", "checkin", "search", "chat", "critique", "review", "summary", "remind", "import", "export", "demo", "serve", "start"];
  it("finds the command one or two edits away, or the one it starts, and guesses nothing wild", () => {
    expect(editDistance("lagigng", "lagging")).toBe(1); // a swap is one edit
    expect(editDistance("tre", "tree")).toBe(1);
    expect(closest("tre", commands)).toBe("tree");
    expect(closest("sumary", commands)).toBe("summary");
    expect(closest("IMPROT", commands)).toBe("import");
    expect(closest("lag", commands)).toBe("lagging");
    expect(closest("frobnicate", commands)).toBeNull();
    expect(closest("x", commands)).toBeNull();
  });
});

describe("whole-number options", () => {
  it("accepts whole numbers in range and explains the rest", () => {
    expect(wholeNumber(undefined, "--limit", { min: 1, example: 5 })).toBeUndefined();
    expect(wholeNumber("3", "--limit", { min: 1, example: 5 })).toBe(3);
    expect(wholeNumber("0", "--port", { min: 0, max: 65535, example: 8787 })).toBe(0);
    for (const bad of ["-3", "0", "abc", "", " ", "2.5", "1e400"])
      expect(() => wholeNumber(bad, "--limit", { min: 1, example: 5 }), bad).toThrow(`--limit must be a whole number of at least 1, not "${bad}" (e.g. --limit 5)`);
    expect(() => wholeNumber("70000", "--port", { min: 0, max: 65535, example: 8787 })).toThrow('--port must be a whole number from 0 to 65535, not "70000"');
  });
});

describe("network failures in words", () => {
  it("reads the reason out of fetch's cause, AggregateErrors and the AI SDK's retries", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(networkReason(new TypeError("fetch failed", { cause: refused }))).toBe("connection refused: nothing is listening there");
    const both = Object.assign(new AggregateError([refused, refused]), { code: undefined });
    expect(networkReason(new TypeError("fetch failed", { cause: both }))).toBe("connection refused: nothing is listening there");
    expect(networkReason(new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ENOTFOUND" }) }))).toBe("no such host");
    expect(networkReason({ name: "AI_RetryError", lastError: { name: "AI_APICallError", cause: new TypeError("fetch failed", { cause: refused }) } })).toBe(
      "connection refused: nothing is listening there",
    );
    expect(networkReason(new DOMException("timed out", "TimeoutError"))).toBe("no answer in time");
    expect(networkReason(new Error("HTTP 500"))).toBeNull();
  });
});

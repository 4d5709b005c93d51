// Configuration from flags and the environment: an empty variable is unset, a bad one is one line.

import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("treats a variable set to an empty string as unset (OKR_DATA_DIR= okr …)", () => {
    const c = loadConfig({}, { OKR_DATA_DIR: "", OKR_NOW: " ", OKR_MODEL: "" }, new Date("2026-11-26T10:00:00Z"));
    expect(c.dataDir.endsWith("/data")).toBe(true);
    expect(c.asOf).toBe("2026-11-26");
    expect(c.model).toBe("local");
  });
  it("refuses a bad date in OKR_NOW with a message naming it", () => {
    expect(() => loadConfig({}, { OKR_NOW: "tomorrow" })).toThrow(/OKR_NOW "tomorrow" is not a date/);
  });
});

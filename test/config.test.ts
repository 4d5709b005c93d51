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
  it("keeps an object-store URI as written and reads OKR_STORAGE_OPTIONS as a JSON object of strings", () => {
    const c = loadConfig({}, { OKR_DATA_DIR: "s3+ddb://okr/acme?ddbTableName=okr_commits", OKR_STORAGE_OPTIONS: '{"aws_region":"eu-west-1"}' });
    expect(c.dataDir).toBe("s3+ddb://okr/acme?ddbTableName=okr_commits");
    expect(c.storageOptions).toEqual({ aws_region: "eu-west-1" });
    expect(loadConfig({ data: "./here" }, {}).storageOptions).toEqual({});
    for (const bad of ["{", '{"aws_region": 3}', "[1]"])
      expect(() => loadConfig({}, { OKR_STORAGE_OPTIONS: bad })).toThrow(/^OKR_STORAGE_OPTIONS must be a JSON object of strings/);
  });
});

// Typing slips in request words are read as the words meant; right words, names, plurals of known
// words and Vietnamese are left alone.

import { describe, expect, it } from "vitest";
import { KrDirectory } from "../../src/agent/local/directory.js";
import { fixTypos } from "../../src/agent/local/typos.js";

const dir = new KrDirectory([
  { ref: "KR7.2", title: "Increase email open rate from 25% to 35%", owner: "Daniel Kim", team: "Marketing", unit: "%", start: 25, current: 31, target: 35 },
]);

describe("fixTypos", () => {
  it("reads slips in the words requests key on", () => {
    expect(fixTypos("whcih KR is behnid", dir)).toBe("which KR is behind");
    expect(fixTypos("retnetion 55, confidnce 4", dir)).toBe("retention 55, confidence 4");
  });
  it("leaves right words, names, inflections of known words and Vietnamese alone", () => {
    const same = ["onboarding emails shipped", "checklist redesign finally shipped", "Reassign it to Daniel", "chuyen KR conversion cho Sofia phu trach", "updated targets"];
    for (const t of same) expect(fixTypos(t, dir)).toBe(t);
  });
});

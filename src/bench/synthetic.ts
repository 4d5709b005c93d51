// Writes a synthetic spreadsheet export (okrs.csv + checkins.csv) of any size, for the benchmark
// and the crash test. Deterministic for a given size; streamed so a million rows stay cheap.

import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import { addDays } from "../domain/dates.js";

export interface SyntheticSize {
  keyResults: number;
  checkInsPerKr: number;
  krsPerObjective?: number;
  teams?: number;
}

export const CYCLE = { name: "2026-Q4", start: "2026-10-01", end: "2026-12-31" };

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, { encoding: "utf8" });
  let buf = "";
  for (const l of lines) {
    buf += l + "\n";
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

export async function writeSyntheticWorkspace(dir: string, size: SyntheticSize): Promise<{ teams: string[] }> {
  await mkdir(dir, { recursive: true });
  const perObjective = size.krsPerObjective ?? 4;
  const teams = Array.from({ length: size.teams ?? 20 }, (_, i) => `Team ${String(i + 1).padStart(2, "0")}`);
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const objectives = Math.ceil(size.keyResults / perObjective);
  const specs: { ref: string; start: number; target: number; pace: number }[] = [];
  function* okrRows(): Generator<string> {
    yield "cycle,cycle_start,cycle_end,team,objective_ref,objective,objective_owner,parent_objective_ref,kr_ref,key_result,kr_owner,kr_type,direction,unit,start_value,target_value";
    for (let o = 1; o <= objectives; o++) {
      const team = teams[o % teams.length]!;
      for (let k = 1; k <= perObjective && specs.length < size.keyResults; k++) {
        const ref = `KR${o}.${k}`;
        const increase = rand() < 0.7;
        const start = Math.round(rand() * 100);
        const target = increase ? start + 10 + Math.round(rand() * 90) : Math.max(0, start - 5 - Math.round(rand() * start * 0.8));
        specs.push({ ref, start, target: target === start ? start + 1 : target, pace: 0.2 + rand() * 1.1 });
        const s = specs[specs.length - 1]!;
        yield `${CYCLE.name},${CYCLE.start},${CYCLE.end},${team},O${o},Objective ${o} for ${team},Owner ${o % 97},,${ref},Key result ${ref} on metric ${o * 7 + k},Owner ${(o + k) % 89},metric,${s.target > s.start ? "increase" : "decrease"},units,${s.start},${s.target}`;
      }
    }
  }
  await writeLines(join(dir, "okrs.csv"), okrRows());
  function* checkInRows(): Generator<string> {
    yield "kr_ref,date,value,confidence,author,note";
    const n = size.checkInsPerKr;
    // Spread the check-ins over the first 84 days of the cycle.
    const days = Array.from({ length: n }, (_, i) => Math.floor(((i + 1) * 84) / n));
    const dates = days.map((d) => addDays(CYCLE.start, d));
    for (const s of specs) {
      for (let i = 0; i < n; i++) {
        const day = days[i]!;
        const value = Math.round((s.start + (s.target - s.start) * s.pace * (day / 91) + (rand() - 0.5)) * 100) / 100;
        const confidence = 1 + Math.min(4, Math.floor(s.pace * 3 + rand()));
        yield `${s.ref},${dates[i]},${value},${confidence},Owner,${i % 5 === 0 ? `note ${i} on ${s.ref}` : ""}`;
      }
    }
  }
  await writeLines(join(dir, "checkins.csv"), checkInRows());
  return { teams };
}

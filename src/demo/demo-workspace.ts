// A realistic demo workspace dated around a given day: mid-cycle, five teams (one writing in
// Vietnamese), some KRs on pace, some lagging, one regressing, one stale, a milestone and a stay KR.
// Deterministic for a given day, so demos and screenshots are reproducible.

import { addDays, daysBetween } from "../domain/dates.js";
import type { Direction, KrKind } from "../domain/types.js";
import { emptyImport, type ImportData } from "../io/import-data.js";

interface DemoKr {
  title: string;
  owner: string;
  kind?: KrKind;
  direction?: Direction;
  unit: string;
  start: number;
  target: number;
  /** Share of the linear pace the KR actually achieves (1 = on pace, <0 = going backwards). */
  pace: number;
  /** Stop checking in this many weeks before today (makes a stale KR). */
  silentWeeks?: number;
  notes?: Record<number, string>;
}

interface DemoObjective {
  team: string;
  title: string;
  owner: string;
  parent?: string;
  krs: DemoKr[];
}

const OBJECTIVES: DemoObjective[] = [
  {
    team: "Company",
    title: "Become the workspace remote product teams love",
    owner: "Linh Tran",
    krs: [
      {
        title: "Grow ARR from $2.0M to $2.6M",
        owner: "Linh Tran",
        unit: "USD",
        start: 2_000_000,
        target: 2_600_000,
        pace: 0.9,
        notes: { 6: "Two mid-market deals closed early." },
      },
      { title: "Raise net revenue retention from 101% to 108%", owner: "Linh Tran", unit: "%", start: 101, target: 108, pace: 0.7 },
      {
        title: "Reduce monthly logo churn from 4.5% to 3%",
        owner: "Grace Okafor",
        direction: "decrease",
        unit: "%",
        start: 4.5,
        target: 3,
        pace: -0.2,
        notes: { 5: "Two enterprise customers left after the price change.", 7: "Churn survey points at onboarding gaps and price." },
      },
    ],
  },
  {
    team: "Product",
    title: "Make the first week with us effortless",
    owner: "Minh Nguyen",
    parent: "O1",
    krs: [
      {
        title: "Raise 7-day activation from 38% to 55%",
        owner: "Minh Nguyen",
        unit: "%",
        start: 38,
        target: 55,
        pace: 0.55,
        notes: { 7: "Checklist experiment underperformed; trying templates next." },
      },
      { title: "Cut time-to-value from 6 days to 3 days", owner: "Bao Le", direction: "decrease", unit: "days", start: 6, target: 3, pace: 1.0 },
      {
        title: "Guided setup is live for all new workspaces",
        owner: "Bao Le",
        kind: "milestone",
        unit: "",
        start: 0,
        target: 1,
        pace: 1.6,
        notes: { 5: "Guided setup rolled out to 100%." },
      },
    ],
  },
  {
    team: "Engineering",
    title: "Ship releases our customers can trust",
    owner: "Priya Raman",
    parent: "O1",
    krs: [
      { title: "Raise crash-free sessions from 97% to 99.5%", owner: "Tomasz Nowak", unit: "%", start: 97, target: 99.5, pace: 1.05 },
      { title: "Keep p95 API latency below 400 ms", owner: "Tomasz Nowak", direction: "stay_below", unit: "ms", start: 380, target: 400, pace: 1 },
      { title: "Reduce open customer-reported bugs from 80 to 50", owner: "Priya Raman", direction: "decrease", unit: "bugs", start: 80, target: 50, pace: 0.5, silentWeeks: 3 },
    ],
  },
  {
    team: "Kinh doanh",
    title: "Xây dựng đội ngũ bán hàng hiệu quả và bền vững",
    owner: "Hoàng Văn Nam",
    parent: "O1",
    krs: [
      { title: "Tăng tỷ lệ thắng từ 20% lên 28%", owner: "Hoàng Văn Nam", unit: "%", start: 20, target: 28, pace: 0.8, notes: { 6: "Đã chốt thêm hai hợp đồng lớn." } },
      {
        title: "Giảm chu kỳ bán hàng trung bình từ 45 xuống 35 ngày",
        owner: "Phạm Thu Hà",
        direction: "decrease",
        unit: "ngày",
        start: 45,
        target: 35,
        pace: 0.4,
        notes: { 7: "Khách hàng doanh nghiệp cần thêm vòng duyệt pháp lý." },
      },
    ],
  },
  {
    team: "Customer Success",
    title: "Make every customer feel heard",
    owner: "Grace Okafor",
    parent: "O1",
    krs: [
      { title: "Raise CSAT from 85% to 92%", owner: "Grace Okafor", unit: "%", start: 85, target: 92, pace: 1.15 },
      { title: "Cut first-response time from 10 hours to 6 hours", owner: "Ahmed Hassan", direction: "decrease", unit: "hours", start: 10, target: 6, pace: 0.6 },
    ],
  },
];

/** Small seeded PRNG (mulberry32) so the demo is the same every time for a given day. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x: number, step: number) => Math.round(x / step) * step;

export const DEMO_CYCLE_WEEKS = 13;

/** The demo cycle is 13 weeks that started 8 weeks before `today`. */
export function demoWorkspace(today: string): ImportData {
  const data = emptyImport();
  const start = addDays(today, -56);
  const end = addDays(start, DEMO_CYCLE_WEEKS * 7);
  const cycle = `Demo ${start.slice(0, 7)}`;
  data.cycles.push({ name: cycle, start, end, at: "demo" });
  const length = daysBetween(start, end);
  const rand = prng(7);
  OBJECTIVES.forEach((o, oi) => {
    const oref = `O${oi + 1}`;
    data.objectives.push({ ref: oref, title: o.title, description: "", team: o.team, owner: o.owner, cycle, parentRef: o.parent ?? null, committed: true, at: "demo" });
    o.krs.forEach((k, ki) => {
      const krRef = `KR${oi + 1}.${ki + 1}`;
      const kind = k.kind ?? "metric";
      const direction = k.direction ?? "increase";
      data.keyResults.push({
        ref: krRef,
        objectiveRef: oref,
        title: k.title,
        owner: k.owner,
        kind,
        direction,
        unit: k.unit,
        start: k.start,
        target: k.target,
        weight: null,
        startDate: null,
        due: null,
        at: "demo",
      });
      const step = Math.abs(k.target - k.start) >= 1000 ? 1000 : 0.1;
      for (let week = 0; week < 8 - (k.silentWeeks ?? 0); week++) {
        const date = addDays(start, 1 + week * 7);
        if (date > today) break;
        const elapsed = daysBetween(start, date) / length;
        let value: number;
        if (kind === "milestone") value = elapsed * k.pace >= 0.4 ? k.target : k.start;
        else if (direction === "stay_below" || direction === "stay_above") value = round(k.start + (rand() - 0.5) * 20, 1);
        else value = round(k.start + (k.target - k.start) * k.pace * elapsed + (k.target - k.start) * (rand() - 0.5) * 0.04, step);
        const confidence = k.pace >= 0.95 ? 4 : k.pace >= 0.7 ? 3 + (week < 4 ? 1 : 0) : k.pace >= 0.45 ? (week < 4 ? 3 : 2) : 2;
        data.checkIns.push({ krRef, date, value: Number(value.toFixed(2)), confidence, note: k.notes?.[week] ?? "", author: k.owner, at: "demo" });
      }
    });
  });
  return data;
}

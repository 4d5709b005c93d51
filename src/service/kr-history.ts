// One KR's check-ins, sorted by (day, written): what the numbers read (the domain's History).

import { parseDay } from "../domain/dates.js";
import { latestIndexIn, type History } from "../domain/metrics.js";
import type { CheckIn } from "../domain/types.js";
import type { CheckInColumns } from "../store/store.js";

/** Check-in columns that histories share (a snapshot's, an import's): the store's, whoever's rows. */
export type SharedColumns = Omit<CheckInColumns, "krIds" | "runs">;

interface OwnColumns {
  days: number[] | Int32Array;
  values: number[] | Float64Array;
  confidences: number[] | Int32Array;
  createdAt: number[] | Float64Array;
}
const NO_CHECK_INS: OwnColumns = Object.freeze({ days: new Int32Array(0), values: new Float64Array(0), confidences: new Int32Array(0), createdAt: new Float64Array(0) });

/** A growable, sorted check-in history for one KR. */
export class KrHistory implements History {
  // Rows [from, to) of shared columns, read where they are: a million check-ins are then not
  // copied one by one. The arrays History hands out are views of them, made on first use (a cold
  // `okr lagging` reads each KR's latest check-in through latestAtOrBefore and valueAt, and makes
  // none: at 40,000 KRs they were 160,000 views). The first change gives the history arrays of
  // its own.
  private base: SharedColumns | null = null;
  private from = 0;
  private to = 0;
  /** Its own arrays or views; until it has check-ins, the shared empty NO_CHECK_INS (typed arrays,
   *  so that arrays() copies it before a change). */
  private own: OwnColumns = NO_CHECK_INS;

  /** The check-ins as they are: views of the shared rows, or its own arrays. */
  private current(): OwnColumns {
    const { base, from, to } = this;
    return base
      ? {
          days: base.days.subarray(from, to),
          values: base.values.subarray(from, to),
          confidences: base.confidences.subarray(from, to),
          createdAt: base.createdAt.subarray(from, to),
        }
      : this.own;
  }
  /** Its columns, as views of the shared rows from now on if they were not yet. */
  private arraysOf(): OwnColumns {
    if (this.base) {
      this.own = this.current();
      this.base = null;
    }
    return this.own;
  }
  get days(): number[] | Int32Array {
    return this.arraysOf().days;
  }
  get values(): number[] | Float64Array {
    return this.arraysOf().values;
  }
  get confidences(): number[] | Int32Array {
    return this.arraysOf().confidences;
  }
  get createdAt(): number[] | Float64Array {
    return this.arraysOf().createdAt;
  }
  get length(): number {
    return this.base ? this.to - this.from : this.own.days.length;
  }

  /** latestIndexAtOrBefore, read in place. */
  latestAtOrBefore(day: number): number {
    if (!this.base) return latestIndexIn(this.own.days, 0, this.own.days.length, day);
    const i = latestIndexIn(this.base.days, this.from, this.to, day);
    return i < 0 ? -1 : i - this.from;
  }
  valueAt(i: number): number {
    return this.base ? this.base.values[this.from + i]! : this.own.values[i]!;
  }
  confidenceAt(i: number): number {
    return this.base ? this.base.confidences[this.from + i]! : this.own.confidences[i]!;
  }
  dayAt(i: number): number {
    return this.base ? this.base.days[this.from + i]! : this.own.days[i]!;
  }
  /** Copies the check-ins into `out` from row `at`. */
  copyTo(out: SharedColumns, at: number): void {
    const src = this.current();
    out.days.set(src.days, at);
    out.values.set(src.values, at);
    out.confidences.set(src.confidences, at);
    out.createdAt.set(src.createdAt, at);
  }

  /** A history of check-ins as the store reads them back, in (date, written) order. Written time
   *  orders same-day check-ins and finds "the last one written"; the index keeps ms precision
   *  apart (several can share a millisecond). */
  static of(checkIns: readonly Pick<CheckIn, "date" | "value" | "confidence" | "createdAt">[]): KrHistory {
    const h = new KrHistory();
    checkIns.forEach((c, i) => h.push(parseDay(c.date), c.value, c.confidence, Date.parse(c.createdAt) + i * 1e-6));
    h.sort();
    return h;
  }
  /** A history over rows [from, to) of shared columns, without copying them; call sort(). */
  static view(c: SharedColumns, from: number, to: number): KrHistory {
    const h = new KrHistory();
    h.base = c;
    h.from = from;
    h.to = to;
    return h;
  }
  /** The columns as arrays, to be changed. */
  private arrays(): { days: number[]; values: number[]; confidences: number[]; createdAt: number[] } {
    const own = this.arraysOf();
    if (!Array.isArray(own.days))
      this.own = { days: Array.from(own.days), values: Array.from(own.values), confidences: Array.from(own.confidences), createdAt: Array.from(own.createdAt) };
    return this.own as { days: number[]; values: number[]; confidences: number[]; createdAt: number[] };
  }
  /** Appends without ordering: call sort() once all are pushed. */
  push(day: number, value: number, confidence: number, createdAt: number): void {
    const a = this.arrays();
    a.days.push(day);
    a.values.push(value);
    a.confidences.push(confidence);
    a.createdAt.push(createdAt);
  }
  /** Puts pushed check-ins in (day, createdAt) order, equal ones as pushed: once, in O(n log n)
   *  (inserting each in place was quadratic: 160,000 check-ins of one KR in descending date order
   *  took 39 s to load). Nothing to do when they came in order, as the store's usually do. */
  sort(): void {
    // Read in place, without spreading anything: the shared columns may carry a lazily built krIds
    // (withRuns) that a spread would build.
    const { base } = this;
    const days = base ? base.days : this.own.days,
      createdAt = base ? base.createdAt : this.own.createdAt;
    const from = base ? this.from : 0,
      to = base ? this.to : this.own.days.length;
    let ordered = true;
    for (let i = from + 1; i < to && ordered; i++) ordered = days[i - 1]! < days[i]! || (days[i - 1] === days[i] && createdAt[i - 1]! <= createdAt[i]!);
    if (ordered) return;
    const a = this.arrays();
    const order = Array.from(a.days, (_, i) => i).sort((x, y) => a.days[x]! - a.days[y]! || a.createdAt[x]! - a.createdAt[y]!);
    const pick = (xs: readonly number[]) => order.map((i) => xs[i]!);
    this.own = { days: pick(a.days), values: pick(a.values), confidences: pick(a.confidences), createdAt: pick(a.createdAt) };
  }
  /** A copy to change without touching the index (a dry run's "after"). */
  clone(): KrHistory {
    const h = new KrHistory();
    const a = this.arraysOf();
    h.own = { days: [...a.days], values: [...a.values], confidences: [...a.confidences], createdAt: [...a.createdAt] };
    return h;
  }
  /** Inserts keeping (day, createdAt) order; appends in the common in-order case. */
  insert(day: number, value: number, confidence: number, createdAt: number): void {
    const a = this.arrays();
    let i = a.days.length;
    while (i > 0 && (a.days[i - 1]! > day || (a.days[i - 1] === day && a.createdAt[i - 1]! > createdAt))) i--;
    a.days.splice(i, 0, day);
    a.values.splice(i, 0, value);
    a.confidences.splice(i, 0, confidence);
    a.createdAt.splice(i, 0, createdAt);
  }
}

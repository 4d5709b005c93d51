// Records of one shape (the objectives, the key results) as columns in JSON, for the snapshot
// cache's header: each field's name once instead of once per record, and a field with few distinct
// values (kind, unit, owner, the import's timestamps) as a dictionary and indexes. At 40,000 KRs the
// header went from 20 MB to 8 MB and reading it from 90 ms to 45 ms (JSON.parse plus rebuilding the
// records), most of which is what a cold `okr lagging` spends before it can answer.
//
// Exact: a record decodes to the same JSON as it was encoded from, fields in the same order. Records
// of another shape than the most common one (another field order, a field missing) are kept whole.

/** One column: the values, or a dictionary and each record's index into it. */
type Column = unknown[] | { d: unknown[]; i: number[] };

export interface EntityColumns {
  keys: string[];
  n: number;
  cols: Column[];
  /** Records of another shape, whole, by position. */
  odd: [number, unknown][];
}

/** The fields JSON keeps (undefined ones it drops), in order. */
const shapeOf = (r: object): string[] => Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined);

export function encodeEntities(rows: readonly object[]): EntityColumns {
  const counts = new Map<string, { keys: string[]; count: number }>();
  const signatures = rows.map((r) => {
    const keys = shapeOf(r);
    const sig = keys.join("\u0000");
    const seen = counts.get(sig);
    if (seen) seen.count++;
    else counts.set(sig, { keys, count: 1 });
    return sig;
  });
  let common: { sig: string; keys: string[]; count: number } = { sig: "", keys: [], count: 0 };
  for (const [sig, c] of counts) if (c.count > common.count) common = { sig, ...c };
  const values = common.keys.map(() => [] as unknown[]);
  const odd: [number, unknown][] = [];
  rows.forEach((r, i) => {
    if (signatures[i] !== common.sig) {
      odd.push([i, r]);
      for (const v of values) v.push(null);
      return;
    }
    common.keys.forEach((k, j) => values[j]!.push((r as Record<string, unknown>)[k]));
  });
  const cols = values.map((column): Column => {
    const dict = new Map<unknown, number>();
    const idx = column.map((v) => {
      let at = dict.get(v);
      if (at === undefined) dict.set(v, (at = dict.size));
      return at;
    });
    // Only values that compare by value (strings, numbers, null) share an entry.
    return dict.size * 2 < column.length && column.every((v) => v === null || typeof v !== "object") ? { d: [...dict.keys()], i: idx } : column;
  });
  return { keys: common.keys, n: rows.length, cols, odd };
}

export function decodeEntities<T>(e: EntityColumns): T[] {
  const cols = e.cols.map((c) => (Array.isArray(c) ? c : c.i.map((x) => c.d[x])));
  const make = recordMaker(e.keys);
  const out = new Array<T>(e.n);
  for (let i = 0; i < e.n; i++) out[i] = make(cols, i) as T;
  for (const [i, r] of e.odd) out[i] = r as T;
  return out;
}

type RecordMaker = (cols: unknown[][], i: number) => Record<string, unknown>;

/**
 * A function that builds record `i` from the columns as one object literal with the fields in
 * order: V8 then gives every record the same shape at once, where storing the fields one by one
 * under names read from the file went through its generic keyed stores (40,000 KRs took 27 ms
 * to rebuild, 12 ms this way). The names enter the code only as JSON string literals, which
 * cannot end the literal; "__proto__", which a literal would take as the prototype, gets the
 * generic way.
 */
function recordMaker(keys: readonly string[]): RecordMaker {
  if (keys.some((k) => typeof k !== "string" || k === "__proto__")) {
    return (cols, i) => {
      const o: Record<string, unknown> = {};
      keys.forEach((k, j) => Object.defineProperty(o, k, { value: cols[j]![i], enumerable: true, writable: true, configurable: true }));
      return o;
    };
  }
  const fields = keys.map((k, j) => `${JSON.stringify(k)}: c[${j}][i]`).join(", ");
  return new Function("c", "i", `return { ${fields} };`) as RecordMaker;
}

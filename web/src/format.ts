// Numbers as the pages and the MCP App views show them (one place, so a KR reads the same in both).

/** A fraction as a whole percentage: 0.615 → "62%". */
export const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A value in a KR's unit, at most two decimals: "1,200,000 USD", "53.4%". `locale` defaults to the browser's. */
export function withUnit(v: number, unit: string, locale?: string): string {
  const n = v.toLocaleString(locale, { maximumFractionDigits: 2 });
  return unit === "%" ? `${n}%` : unit ? `${n} ${unit}` : n;
}

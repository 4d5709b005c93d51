// Short refs people type (O3, KR2.1): parsing, validation and generation of the next free one.

const OBJECTIVE_REF = /^O(\d+)$/i;

export function normalizeRef(ref: string): string {
  return ref.trim().toUpperCase();
}

/** The next objective ref: one past the highest `O<n>` in use. */
export function nextObjectiveRef(existing: Iterable<string>): string {
  let max = 0;
  for (const r of existing) {
    const m = OBJECTIVE_REF.exec(r);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `O${max + 1}`;
}

/** The next KR ref under an objective `O<n>`: `KR<n>.<k+1>`, skipping any ref already taken. */
export function nextKrRef(objectiveRef: string, existing: Iterable<string>): string {
  const om = OBJECTIVE_REF.exec(objectiveRef);
  const taken = new Set<string>();
  for (const r of existing) taken.add(normalizeRef(r));
  const prefix = om ? `KR${om[1]}.` : `KR${objectiveRef.replace(/\W/g, "")}.`;
  let max = 0;
  for (const r of taken) if (r.startsWith(prefix)) max = Math.max(max, Number(r.slice(prefix.length)) || 0);
  return `${prefix}${max + 1}`;
}

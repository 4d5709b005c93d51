// The app shell: language and as-of date (shared by every page), a small path router, the header,
// and the chat panel beside every page.

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { DATA_CHANGED, getJson, type Meta } from "./api";
import { pct, withUnit as formatWithUnit } from "./format";
import { STRINGS, initialLang, statusLabel, type Lang, type Status, type Strings } from "./i18n";

export interface AppState {
  lang: Lang;
  t: Strings;
  setLang(l: Lang): void;
  meta: Meta;
  /** The date every page shows (history is kept, so any past week can be shown). */
  asOf: string;
  setAsOf(d: string): void;
}
export const AppContext = createContext<AppState | null>(null);
export function useApp(): AppState {
  const a = useContext(AppContext);
  if (!a) throw new Error("useApp outside the app");
  return a;
}

// --- routing: real paths (/kr/KR1.3), so a page can be bookmarked and reloaded ---

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const on = () => setPath(location.pathname);
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  return path;
}
/** The shown date travels with the address (?asOf=…), so a past week's page can be shared. */
function withAsOf(to: string): string {
  const asOf = new URLSearchParams(location.search).get("asOf");
  if (!asOf || to.includes("?") || to.startsWith("#")) return to;
  return `${to}?asOf=${encodeURIComponent(asOf)}`;
}
export function setAsOfInAddress(asOf: string | null): void {
  const q = new URLSearchParams(location.search);
  if (asOf) q.set("asOf", asOf);
  else q.delete("asOf");
  const qs = q.toString();
  history.replaceState(null, "", `${location.pathname}${qs ? `?${qs}` : ""}${location.hash}`);
}
export function navigate(to: string): void {
  to = withAsOf(to);
  if (to === location.pathname + location.search) return;
  history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
  window.scrollTo(0, 0);
}
export function Link({ to, children, className, title }: { to: string; children: ReactNode; className?: string; title?: string }) {
  return (
    <a
      href={withAsOf(to)}
      className={className}
      title={title}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
export const krPath = (ref: string) => `/kr/${encodeURIComponent(ref)}`;

// --- data loading ---

export type Load<T> = { state: "loading" } | { state: "error"; message: string; retry(): void } | { state: "ready"; data: T; reload(): void };

/** GETs JSON for the deps given; reloads when stored data changes (a form, an approved chat write). */
export function useJson<T>(path: string | null, params: Record<string, string | undefined>): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ state: "loading" });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([path, params]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    window.addEventListener(DATA_CHANGED, reload);
    return () => window.removeEventListener(DATA_CHANGED, reload);
  }, [reload]);
  useEffect(() => {
    if (!path) return;
    let live = true;
    getJson<T>(path, params).then(
      (data) => live && setLoad({ state: "ready", data, reload }),
      (e: Error) => live && setLoad({ state: "error", message: e.message, retry: reload }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]); // key stands for path and params
  return load;
}

export function Loading<T>({ load, children }: { load: Load<T>; children: (data: T) => ReactNode }) {
  return (
    <LoadState load={load} t={useApp().t}>
      {children}
    </LoadState>
  );
}

/** Loading… / the error with a retry button / the data: also used before the app state exists. */
export function LoadState<T>({ load, t, children }: { load: Load<T>; t: Strings; children: (data: T) => ReactNode }) {
  if (load.state === "loading")
    return (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );
  if (load.state === "error")
    return (
      <div className="error" role="alert">
        {load.message}{" "}
        <button type="button" onClick={load.retry}>
          {t.retry}
        </button>
      </div>
    );
  return <>{children(load.data)}</>;
}

// --- shared widgets ---

/** A number in the KR's unit, in the page's language: 1,200,000 USD, 53.4%. */
export function withUnit(v: number, unit: string, lang: Lang): string {
  return formatWithUnit(v, unit, lang === "vi" ? "vi-VN" : "en-US");
}

export function ProgressBar({ progress, expected, label }: { progress: number; expected: number; label: string }) {
  const { t } = useApp();
  return (
    <div
      className="bar"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(progress * 100)}
      aria-valuetext={`${pct(progress)} (${t.expected} ${pct(expected)})`}
    >
      <div className="bar-fill" style={{ width: `${Math.min(100, progress * 100)}%` }} />
      <div className="bar-pace" style={{ left: `${Math.min(100, expected * 100)}%` }} title={`${t.expected} ${pct(expected)}`} />
    </div>
  );
}

export function StatusBadge({ status }: { status: Status | null }) {
  const { t } = useApp();
  if (!status) return <span className="badge">{t.noKrs}</span>;
  return <span className={`badge status-${status}`}>{statusLabel(t, status)}</span>;
}

export function Flags({ stale, mismatch }: { stale: boolean; mismatch: boolean }) {
  const { t } = useApp();
  return (
    <>
      {stale && (
        <span className="badge flag" title={t.staleHint}>
          {t.stale}
        </span>
      )}
      {mismatch && (
        <span className="badge flag" title={t.mismatchHint}>
          {t.mismatch}
        </span>
      )}
    </>
  );
}

export function useMeta(): Load<Meta> {
  return useJson<Meta>("/api/meta", {});
}

export { STRINGS, initialLang };

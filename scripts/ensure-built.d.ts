// Types for scripts/ensure-built.js (plain JavaScript, since it runs before anything is compiled).

export declare const ROOT: string;
/** Why dist/ must be rebuilt ("no build yet", "src/cli/main.ts changed"), or null when it is current. */
export declare function buildReason(root?: string): string | null;
/** Why the web bundle must be rebuilt, or null when it is current (or there is no web/). */
export declare function webBuildReason(root?: string): string | null;
/** Builds dist/ if a source changed since the last build; false when there is no usable build. */
export declare function ensureBuilt(opts?: {
  root?: string;
  log?: (line: string) => void;
  /** Runs the compiler (full = from scratch); returns its exit status, or null if it is not installed. */
  build?: (root: string, full: boolean) => number | null;
  /** Bundles the web pages when one of their sources changed (default: scripts/build-web.js). */
  web?: (root: string, log: (line: string) => void) => void;
}): boolean;

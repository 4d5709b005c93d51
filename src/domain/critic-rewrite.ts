// Suggested rewrites for an objective the critic flagged, built from the objective's own words:
// - it carries a metric: the same subject and direction without the number ("Increase student
//   English test scores by 20%" → "Keep student English test scores growing steadily"),
//   and the metric moved into a key result with the start and target the text gives (null where it
//   gives none, for the person to fill in);
// - it names an output: the outcome that deliverable serves, for whom ("Launch the new onboarding
//   flow" → "Make the new onboarding flow a hit with our users"), with the deliverable kept as a
//   milestone key result and its adoption as a metric one to fill in.
// The metric side lives in critic-rewrite-metric.ts, the output side in critic-rewrite-output.ts; this
// file joins them and judges every candidate.
// Up to three candidates, ranked; each is checked by the same rules (no metric, no output, not vague,
// not too long) and dropped when it fails. No rewrite when neither rule fired, and none that would
// drop the subject: when nothing of the objective's own words is left, there is no rewrite.

import { findMetric, findOutput, findVague, isVietnamese, MAX_OBJECTIVE_WORDS } from "./critic-language.js";
import { cap, MEANS, metricCandidates, metricKr, tidy, withoutNumbers, type RewriteKr } from "./critic-rewrite-metric.js";
import { IMPERATIVE, outputCandidates, SECOND_CLAUSE } from "./critic-rewrite-output.js";

export type { RewriteKr };

export interface Rewrite {
  /** The best candidate: `candidates[0]`. */
  objective: string;
  /** Up to three qualitative objectives, best first, each passing the critic's language rules. */
  candidates: string[];
  keyResults: RewriteKr[];
  /** The rule whose finding the rewrite answers. */
  rule: "objective-has-metric" | "objective-is-output";
}

/** Why a wording cannot be an objective, or null when the critic's language rules pass it. */
export function judgeObjective(text: string): string | null {
  if (!text.trim()) return "empty";
  const metric = findMetric(text);
  if (metric) return `still contains a metric ("${metric.text}")`;
  const output = findOutput(text);
  if (output) return `names an output ("${output.text}")`;
  if (findVague(text)) return "too vague";
  if (text.trim().split(/\s+/).length > MAX_OBJECTIVE_WORDS) return "too long";
  return null;
}

// What taking words out can leave behind: an empty bracket, an article or a verb with nothing after
// it ("a with Stripe", "satisfaction is", "our and grow"), a slash with one side gone ("xem/ngày").
const HOLES =
  /\(\s*\)|\(\s|\s\)|\b(?:a|an|the|our)\s+(?:with|and|or|of|to|in|for|by|is|are)\b|\b(?:is|are|be|and|or|of|to|the|a|an|our|with|for|và|của|là|với)\s*$|(?<!\p{L})\/|\/(?!\p{L})/iu;

function passing(candidates: string[]): string[] {
  const seen = new Set<string>();
  return candidates
    .map((c) => tidy(c.replace(/\s{2,}/g, " ")))
    .filter((c) => {
      const key = c.toLocaleLowerCase();
      // Two words ("Reach ARR") are no objective, whatever the rules say.
      if (seen.has(key) || judgeObjective(c) || c.split(/\s+/).length < 3 || HOLES.test(c)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 3);
}

/** A rewrite answering the metric finding, or else the output finding; null when neither fired
 *  or no candidate keeping the objective's words passes the rules. */
export function rewriteObjective(title: string): Rewrite | null {
  const vi = isVietnamese(title);
  const output = outputCandidates(title, vi);
  if (findMetric(title)) {
    // "Hire 5 senior engineers", "Launch 3 new products": the work is named, so its outcome leads.
    const fromOutput = output?.candidates.map((c) => withoutNumbers(c).core) ?? [];
    const fromMetric = metricCandidates(output?.means ? title.slice(0, output.at) : title, vi);
    const candidates = passing(output && !output.means && fromOutput.length ? fromOutput : [...fromMetric, ...fromOutput]);
    if (!candidates.length) return null;
    // Two clauses ("Launch the app in September and reach one million users"): the deliverable is a
    // milestone, the number a metric key result.
    const [first, second] = title.split(SECOND_CLAUSE);
    // "Enhance collaboration by successfully implementing two joint initiatives": the number is in the
    // means, so the means is the key result ("Implement two joint initiatives …").
    const means = MEANS.exec(title);
    const meansKr =
      means && findMetric(means[0]) && !findMetric(title.slice(0, means.index))
        ? metricKr(
            cap(
              tidy(means[0].replace(/^\s*(?:by|through|via)\s+(?:\p{L}+ly\s+)?/iu, "").replace(/^(\p{L}+?)ing\b/iu, (ing, stem: string) => IMPERATIVE[ing.toLowerCase()] ?? stem)),
            ),
          )
        : null;
    const keyResults = meansKr
      ? [meansKr]
      : output && !output.means && second && findMetric(second) && !findMetric(first!)
        ? [{ title: tidy(first!), start: null, target: null, unit: "", kind: "milestone" as const }, metricKr(cap(tidy(second)))]
        : [metricKr(title)];
    if (output?.means) keyResults.push({ title: output.deliverable, start: null, target: null, unit: "", kind: "milestone" });
    return { objective: candidates[0]!, candidates, keyResults, rule: "objective-has-metric" };
  }
  if (!output) return null;
  const candidates = passing(output.candidates);
  if (!candidates.length) return null;
  const keyResults: RewriteKr[] = [{ title: output.deliverable, start: null, target: null, unit: "", kind: "milestone" }];
  if (output.adopted) {
    const { who, what } = output.adopted;
    // Readers, listeners and viewers are reached; users use.
    const reached = /^(?:our )?(?:readers|listeners|viewers|audience)$|^(?:người đọc|thính giả|người xem)$/iu.test(who);
    keyResults.push(
      reached
        ? { title: vi ? `Số ${who} mà ${what} tiếp cận được` : `${cap(who.replace(/^our\s+/i, ""))} reached by ${what}`, start: null, target: null, unit: "" }
        : { title: vi ? `Tỷ lệ ${who} sử dụng ${what}` : `Share of ${who.replace(/^our\s+/i, "")} using ${what}`, start: null, target: null, unit: "%" },
    );
  }
  return { objective: candidates[0]!, candidates, keyResults, rule: "objective-is-output" };
}

// The OKR critic (DESIGN.md "OKR quality rules"): language rules (critic-language.ts: a metric in
// the objective, an output instead of an outcome, a vague objective, an activity KR; English and
// Vietnamese) and structural ones (counts, measurability, ownership, length), plus a rewrite.

import { findActivity, findMetric, findOutput, findVague, MAX_OBJECTIVE_WORDS } from "./critic-language.js";
import { rewriteObjective, type Rewrite } from "./critic-rewrite.js";

export type Severity = "error" | "warning" | "info";

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Where in the objective title (or the KR, when `keyResult` is set) the problem is. */
  span?: { start: number; end: number; text: string };
  /** 0-based index of the key result the finding is about. */
  keyResult?: number;
  suggestion?: string;
}

export interface DraftKeyResult {
  title: string;
  kind?: "metric" | "milestone";
  start?: number | null;
  target?: number | null;
  owner?: string;
}

export interface DraftObjective {
  title: string;
  owner?: string;
  keyResults: DraftKeyResult[];
  /** How many other objectives the same team already has in the cycle (for too-many-objectives). */
  siblingObjectives?: number;
}

export { MAX_OBJECTIVE_WORDS };

/** The language findings are written in; rule ids, spans and severities are the same in both. */
export type CriticLang = "en" | "vi";

const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/** The objective's own language: findings are written in it unless another is asked for. */
export function objectiveLanguage(title: string): CriticLang {
  return VI_LETTERS.test(title) ? "vi" : "en";
}

export function critique(draft: DraftObjective, lang: CriticLang = objectiveLanguage(draft.title), rewrite: Rewrite | null = rewriteObjective(draft.title)): Finding[] {
  const t = (en: string, vi: string) => (lang === "vi" ? vi : en);
  const findings: Finding[] = [];
  const title = draft.title;
  const metric = findMetric(title);
  if (metric) {
    findings.push({
      rule: "objective-has-metric",
      severity: "error",
      span: metric,
      message: t(
        `The objective contains a metric ("${metric.text}"): objectives say what you want to achieve; numbers belong in key results.`,
        `Mục tiêu chứa một chỉ số ("${metric.text}"): mục tiêu nói điều bạn muốn đạt được; con số thuộc về kết quả then chốt.`,
      ),
      suggestion:
        rewrite?.rule === "objective-has-metric"
          ? t(
              `Try "${rewrite.objective}" with the key result "${rewrite.keyResults[0]!.title}".`,
              `Thử "${rewrite.objective}" với kết quả then chốt "${rewrite.keyResults[0]!.title}".`,
            )
          : t("Move the number into a key result and keep the objective qualitative.", "Chuyển con số vào một kết quả then chốt và giữ mục tiêu ở dạng định tính."),
    });
  }
  const output = findOutput(title);
  if (output)
    findings.push({
      rule: "objective-is-output",
      severity: "warning",
      span: output,
      message: t(
        `"${output.text}" names work to do, not the outcome it should cause: a team can deliver it and still change nothing for anyone.`,
        `"${output.text}" là việc cần làm, không phải kết quả mà việc đó mang lại: có thể làm xong mà không thay đổi được gì cho ai.`,
      ),
      suggestion:
        rewrite?.rule === "objective-is-output"
          ? t(
              `Try "${rewrite.objective}", with "${rewrite.keyResults[0]!.title}" as a milestone key result.`,
              `Thử "${rewrite.objective}", và để "${rewrite.keyResults[0]!.title}" thành kết quả then chốt dạng cột mốc.`,
            )
          : t(
              "Say what will be different for customers or the business when it is done; make the deliverable an initiative or a milestone key result.",
              "Nói điều gì sẽ khác đi với khách hàng hoặc doanh nghiệp khi xong việc; để sản phẩm bàn giao thành một sáng kiến hoặc một kết quả then chốt dạng cột mốc.",
            ),
    });
  const vague = metric ? null : findVague(title);
  if (vague)
    findings.push({
      rule: "objective-vague",
      severity: "warning",
      span: vague,
      message: t(
        `"${title.trim()}" is too vague to rally anyone: improve what, for whom, and why now?`,
        `"${title.trim()}" quá chung chung để tập hợp mọi người: cải thiện điều gì, cho ai, và vì sao lúc này?`,
      ),
      suggestion: t(
        'Name the outcome and who benefits, e.g. "Make the first week with us effortless for new teams".',
        'Nêu kết quả và ai được lợi, ví dụ "Giúp đội mới thấy tuần đầu tiên với chúng ta thật dễ dàng".',
      ),
    });
  draft.keyResults.forEach((k, i) => {
    const activity = findActivity(k.title);
    if (activity)
      findings.push({
        rule: "kr-is-activity",
        severity: "warning",
        keyResult: i,
        span: activity,
        message: t(
          `Key result ${i + 1} ("${k.title}") counts an activity ("${activity.text}"), not a result.`,
          `Kết quả then chốt ${i + 1} ("${k.title}") đếm một hoạt động ("${activity.text}"), không phải một kết quả.`,
        ),
        suggestion: t(
          "Measure what the activity should change (e.g. conversion, retention, satisfaction) and keep the activity as a task.",
          "Đo điều mà hoạt động đó cần thay đổi (ví dụ tỷ lệ chuyển đổi, giữ chân, mức hài lòng) và giữ hoạt động như một đầu việc.",
        ),
      });
  });
  const words = title.trim().split(/\s+/).filter(Boolean);
  if (words.length > MAX_OBJECTIVE_WORDS)
    findings.push({
      rule: "objective-too-long",
      severity: "warning",
      message: t(
        `The objective has ${words.length} words; keep it under ${MAX_OBJECTIVE_WORDS} so people remember it.`,
        `Mục tiêu có ${words.length} từ; giữ dưới ${MAX_OBJECTIVE_WORDS} từ để mọi người nhớ được.`,
      ),
      suggestion: t(
        "Keep the outcome in the objective and move detail into the key results or the description.",
        "Giữ kết quả mong muốn trong mục tiêu và chuyển chi tiết vào các kết quả then chốt hoặc phần mô tả.",
      ),
    });
  const n = draft.keyResults.length;
  if (n < 2 || n > 5)
    findings.push({
      rule: "kr-count",
      severity: n === 0 ? "error" : "warning",
      message:
        n === 0
          ? t(
              "The objective has no key results: nothing says how you will know it is achieved.",
              "Mục tiêu chưa có kết quả then chốt nào: không có gì cho biết khi nào nó đạt được.",
            )
          : t(`The objective has ${n} key result${n === 1 ? "" : "s"}; 2 to 5 work best.`, `Mục tiêu có ${n} kết quả then chốt; từ 2 đến 5 là tốt nhất.`),
      suggestion:
        n < 2
          ? t("Add measurable key results that together prove the objective.", "Thêm các kết quả then chốt đo được, cùng nhau chứng minh mục tiêu đã đạt.")
          : t("Keep the 3–5 that matter most; move the rest to a team backlog.", "Giữ 3–5 kết quả quan trọng nhất; chuyển phần còn lại vào danh sách việc của nhóm."),
    });
  if (!draft.owner?.trim())
    findings.push({
      rule: "missing-owner",
      severity: "warning",
      message: t("The objective has no owner.", "Mục tiêu chưa có người phụ trách."),
      suggestion: t("Name one person who is accountable for it.", "Chọn một người chịu trách nhiệm cho nó."),
    });
  draft.keyResults.forEach((k, i) => {
    const kind = k.kind ?? "metric";
    if (kind === "metric") {
      if (k.start === undefined || k.start === null || k.target === undefined || k.target === null)
        findings.push({
          rule: "kr-not-measurable",
          severity: "error",
          keyResult: i,
          message: t(
            `Key result ${i + 1} ("${k.title}") has no ${k.target == null ? "target" : "start"} value.`,
            `Kết quả then chốt ${i + 1} ("${k.title}") chưa có giá trị ${k.target == null ? "mục tiêu" : "ban đầu"}.`,
          ),
          suggestion: t("Give a start (baseline) and a target, e.g. from 45% to 60%.", "Cho giá trị ban đầu và mục tiêu, ví dụ từ 45% lên 60%."),
        });
      else if (k.start === k.target)
        findings.push({
          rule: "kr-not-measurable",
          severity: "error",
          keyResult: i,
          message: t(
            `Key result ${i + 1} ("${k.title}") starts at its target (${k.start}): there is nothing to move.`,
            `Kết quả then chốt ${i + 1} ("${k.title}") bắt đầu đúng bằng mục tiêu (${k.start}): không có gì để dịch chuyển.`,
          ),
          suggestion: t(
            "Set a target that differs from the start, or make it a stay-above/below key result.",
            "Đặt mục tiêu khác giá trị ban đầu, hoặc chuyển thành kết quả then chốt dạng giữ trên/dưới một ngưỡng.",
          ),
        });
    }
    if (k.owner !== undefined && !k.owner.trim())
      findings.push({
        rule: "missing-owner",
        severity: "info",
        keyResult: i,
        message: t(`Key result ${i + 1} ("${k.title}") has no owner.`, `Kết quả then chốt ${i + 1} ("${k.title}") chưa có người phụ trách.`),
        suggestion: t("Give each key result one owner who checks in weekly.", "Mỗi kết quả then chốt cần một người phụ trách cập nhật hằng tuần."),
      });
  });
  if (n > 0 && draft.keyResults.every((k) => (k.kind ?? "metric") === "milestone"))
    findings.push({
      rule: "krs-all-milestones",
      severity: "warning",
      message: t(
        "Every key result is a milestone (done / not done): progress cannot be seen until the end.",
        "Mọi kết quả then chốt đều là cột mốc (xong / chưa xong): không thấy được tiến độ cho tới cuối kỳ.",
      ),
      suggestion: t("Turn at least one into a metric that moves weekly.", "Chuyển ít nhất một cái thành chỉ số thay đổi hằng tuần."),
    });
  if ((draft.siblingObjectives ?? 0) + 1 > 4)
    findings.push({
      rule: "too-many-objectives",
      severity: "warning",
      message: t(
        `The team would have ${(draft.siblingObjectives ?? 0) + 1} objectives this cycle; more than 4 dilutes focus.`,
        `Nhóm sẽ có ${(draft.siblingObjectives ?? 0) + 1} mục tiêu trong chu kỳ này; hơn 4 mục tiêu làm loãng sự tập trung.`,
      ),
      suggestion: t("Merge related objectives or drop the least important.", "Gộp các mục tiêu liên quan hoặc bỏ mục tiêu ít quan trọng nhất."),
    });
  return findings;
}

/** The findings and, for an objective carrying a metric or naming an output, ranked rewrites that
 *  pass the critic's language rules. */
export function critiqueWithRewrite(draft: DraftObjective, lang: CriticLang = objectiveLanguage(draft.title)): { findings: Finding[]; rewrite: Rewrite | null } {
  const rewrite = rewriteObjective(draft.title);
  return { findings: critique(draft, lang, rewrite), rewrite };
}

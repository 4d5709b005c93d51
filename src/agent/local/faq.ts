// Short answers about how OKRs and this workspace's numbers work ("what does a 0.7 grade mean?",
// "confidence 3 là gì?"): facts from DESIGN.md, said without touching the workspace.

import { folded } from "./parse.js";
import { say, type Lang } from "./lang.js";

const ENTRIES: { match: RegExp; en: string; vi: string }[] = [
  {
    match: /\b(grade|grading|score|scoring|diem|cham diem|0[.,]\d)\b/,
    en: "A grade is a KR's progress at the cycle's end, rounded to one decimal: 0.0–0.3 is red, 0.4–0.6 yellow, 0.7–1.0 green. Committed OKRs are expected to reach 1.0; for aspirational ones about 0.7 is a good result.",
    vi: "Điểm (grade) là tiến độ của KR khi kết thúc chu kỳ, làm tròn một chữ số thập phân: 0,0–0,3 là đỏ, 0,4–0,6 vàng, 0,7–1,0 xanh. OKR cam kết cần đạt 1,0; với OKR tham vọng, khoảng 0,7 đã là kết quả tốt.",
  },
  {
    match: /\b(confidence|tu tin|tin cay)\b/,
    en: "Confidence is the owner's own call at each check-in, from 1 (no chance) to 5 (certain). A KR with confidence 2 or less is off track, 3 is at risk; confidence 4 or more while more than 25 points behind pace is flagged as a mismatch.",
    vi: "Độ tin cậy là đánh giá của người phụ trách ở mỗi lần cập nhật, từ 1 (không có khả năng) đến 5 (chắc chắn). KR có độ tin cậy từ 2 trở xuống là chệch hướng, 3 là có rủi ro; tin cậy từ 4 trở lên mà chậm hơn 25 điểm so với tiến độ sẽ bị đánh dấu là không khớp.",
  },
  {
    match: /\b(off.?track|at.?risk|on.?track|status|trang thai|chech huong|rui ro)\b/,
    en: "Status compares progress with expected progress (the share of the KR's time elapsed): off track when more than 25 points behind or confidence is 2 or less; at risk when more than 10 points behind or confidence is 3; otherwise on track; completed at 100%.",
    vi: "Trạng thái so sánh tiến độ với tiến độ kỳ vọng (phần thời gian của KR đã trôi qua): chệch hướng khi chậm hơn 25 điểm hoặc độ tin cậy từ 2 trở xuống; có rủi ro khi chậm hơn 10 điểm hoặc độ tin cậy là 3; còn lại là đúng tiến độ; đạt 100% là hoàn thành.",
  },
  {
    match: /\b(stale|cu|lau chua cap nhat)\b/,
    en: "A KR is stale when its latest check-in is more than 7 days old (or it has none).",
    vi: "Một KR bị coi là cũ khi lần cập nhật gần nhất đã hơn 7 ngày (hoặc chưa có lần nào).",
  },
];

/** The explanation a question asks for, or null when it is about none of these. */
export function explain(text: string, lang: Lang): string | null {
  const f = folded(text);
  const hit = ENTRIES.find((e) => e.match.test(f));
  return hit ? `${say(lang, hit.en, hit.vi)} ${say(lang, "Nothing was changed.", "Mình chưa thay đổi gì.")}` : null;
}

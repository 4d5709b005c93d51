// Drafting without an LLM: a qualitative objective and measurable key results for common goals,
// written into the answer in a form the next turn can read back when the person says yes.

import { folded, fromTo } from "./parse.js";
import { say, type Lang } from "./lang.js";

export interface DraftKr {
  title: string;
  start: number;
  target: number;
  unit: string;
}

export interface Draft {
  title: string;
  team: string | null;
  keyResults: DraftKr[];
}

interface Template {
  match: RegExp;
  en: [string, string[]];
  vi: [string, string[]];
}

// Baselines and targets are typical starting points, marked as such in the answer.
const TEMPLATES: Template[] = [
  {
    match: /support|response|ticket|help ?desk|ho tro|cham soc/,
    en: [
      "Give every customer fast, helpful support",
      ["Cut median first-response time from 8 hours to 2 hours", "Raise support CSAT from 85% to 92%", "Raise tickets resolved within 24 hours from 60% to 80%"],
    ],
    vi: [
      "Mang lại hỗ trợ nhanh và tận tình cho mọi khách hàng",
      ["Giảm thời gian phản hồi đầu tiên từ 8 giờ xuống 2 giờ", "Tăng CSAT hỗ trợ từ 85% lên 92%", "Tăng tỷ lệ ticket xử lý trong 24 giờ từ 60% lên 80%"],
    ],
  },
  {
    match: /churn|retention|retain|giu chan|roi bo/,
    en: ["Keep more of the customers we win", ["Reduce monthly logo churn from 3% to 2%", "Raise net revenue retention from 100% to 108%"]],
    vi: ["Giữ chân nhiều khách hàng hơn", ["Giảm tỷ lệ rời bỏ hằng tháng từ 3% xuống 2%", "Tăng tỷ lệ giữ chân doanh thu từ 100% lên 108%"]],
  },
  {
    match: /onboard|activation|first.run|new users|trai nghiem dau/,
    en: ["Make the first week with us effortless", ["Raise 7-day activation from 40% to 55%", "Cut time-to-value from 7 days to 3 days"]],
    vi: ["Làm cho tuần đầu tiên với sản phẩm thật dễ dàng", ["Tăng tỷ lệ kích hoạt 7 ngày từ 40% lên 55%", "Giảm thời gian đến giá trị đầu tiên từ 7 ngày xuống 3 ngày"]],
  },
  {
    match: /sales|revenue|deals|win rate|doanh thu|ban hang|hop dong|ty le thang/,
    en: ["Build a sales engine customers trust", ["Grow new ARR from 1.0M to 1.4M USD", "Raise win rate from 18% to 25%"]],
    vi: ["Xây dựng đội bán hàng mà khách hàng tin tưởng", ["Tăng doanh thu mới từ 1,0 triệu lên 1,4 triệu USD", "Tăng tỷ lệ thắng từ 18% lên 25%"]],
  },
  {
    match: /quality|bug|reliab|crash|stable|chat luong|loi/,
    en: ["Ship releases our customers can trust", ["Raise crash-free sessions from 97% to 99.5%", "Cut open customer-reported bugs from 80 to 40"]],
    vi: ["Phát hành những bản cập nhật khách hàng tin cậy", ["Tăng phiên không lỗi từ 97% lên 99,5%", "Giảm lỗi khách hàng báo từ 80 xuống 40"]],
  },
  {
    match: /speed|velocity|faster|delivery|ship|toc do|nhanh hon/,
    en: ["Get value to customers faster", ["Cut lead time from commit to production from 5 days to 1 day", "Raise deploys per week from 3 to 10"]],
    vi: ["Đưa giá trị đến khách hàng nhanh hơn", ["Giảm thời gian từ commit đến production từ 5 ngày xuống 1 ngày", "Tăng số lần triển khai mỗi tuần từ 3 lên 10"]],
  },
  {
    match: /marketing|traffic|brand|leads|awareness|tiep thi|thuong hieu/,
    en: ["Become the name our buyers think of first", ["Grow organic visits from 40,000 to 55,000 a month", "Raise MQL-to-SQL conversion from 12% to 18%"]],
    vi: ["Trở thành cái tên khách hàng nghĩ đến đầu tiên", ["Tăng lượt truy cập tự nhiên từ 40.000 lên 55.000 mỗi tháng", "Tăng tỷ lệ chuyển MQL thành SQL từ 12% lên 18%"]],
  },
  {
    match: /hiring|recruit|talent|people|tuyen dung|nhan su/,
    en: ["Build a team people want to join", ["Cut time-to-hire from 45 days to 30 days", "Raise offer acceptance from 70% to 85%"]],
    vi: ["Xây dựng đội ngũ mà ai cũng muốn gia nhập", ["Giảm thời gian tuyển dụng từ 45 ngày xuống 30 ngày", "Tăng tỷ lệ nhận lời mời từ 70% lên 85%"]],
  },
];

export function draftFor(topic: string, team: string | null, lang: Lang): Draft | null {
  const t = TEMPLATES.find((x) => x.match.test(folded(topic)));
  if (!t) return null;
  const [title, krs] = lang === "vi" ? t.vi : t.en;
  return { title, team, keyResults: krs.map((k) => ({ title: k, ...fromTo(k)! })) };
}

const OBJECTIVE_LINE = /^(?:Objective|Mục tiêu):\s*(.+)$/m;
const TEAM_LINE = /^(?:Team|Nhóm):\s*(.+)$/m;

/** The draft block of an answer: how the next turn reads back what "yes" approves. */
export function formatDraft(d: Draft, lang: Lang): string {
  return [
    say(
      lang,
      "Draft (nothing is saved yet; the numbers are typical starting points, change them to yours):",
      "Bản nháp (chưa lưu gì; các con số chỉ là điểm khởi đầu thường gặp, hãy sửa theo số liệu của bạn):",
    ),
    `${say(lang, "Objective", "Mục tiêu")}: ${d.title}`,
    `${say(lang, "Team", "Nhóm")}: ${d.team ?? say(lang, "(not set)", "(chưa chọn)")}`,
    say(lang, "Key results:", "Kết quả then chốt:"),
    ...d.keyResults.map((k) => `- ${k.title}`),
  ].join("\n");
}

export function parseDraft(answer: string): Draft | null {
  const title = OBJECTIVE_LINE.exec(answer)?.[1]?.trim();
  if (!title || !/^(?:Draft|Bản nháp)/m.test(answer)) return null;
  const teamText = TEAM_LINE.exec(answer)?.[1]?.trim();
  const team = teamText && !teamText.startsWith("(") ? teamText : null;
  const keyResults: DraftKr[] = [];
  for (const line of answer.split("\n")) {
    if (!line.startsWith("- ")) continue;
    const range = fromTo(line.slice(2));
    if (range) keyResults.push({ title: line.slice(2).trim(), ...range });
  }
  return keyResults.length ? { title, team, keyResults } : null;
}

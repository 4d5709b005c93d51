// A suggested rewrite for an objective that carries a metric: a qualitative objective that keeps
// the intent, and the metric moved into a key result with the start and target the text gives
// (null where it gives none, for the person to fill in). Checked by the same rules before use.

import { findMetric, findOutput } from "./critic-language.js";
import { plainDigits } from "./values.js";

export interface RewriteKr {
  title: string;
  start: number | null;
  target: number | null;
  unit: string;
}

export interface Rewrite {
  objective: string;
  keyResults: RewriteKr[];
}

const VI = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

// Topic → qualitative objective, English and Vietnamese. First match wins, so specific first.
const TOPICS: [RegExp, string, string][] = [
  [/landing page|trang đích/i, "Turn more landing-page visitors into paying customers", "Biến nhiều khách truy cập trang đích thành khách hàng trả tiền hơn"],
  [/conversion|chuyển đổi/i, "Turn more visitors into paying customers", "Biến nhiều khách truy cập thành khách hàng trả tiền hơn"],
  [/churn|retention|retain|giữ chân|rời bỏ/i, "Keep more of the customers we win", "Giữ chân nhiều khách hàng hơn"],
  [/\bnps\b|csat|satisf|hài lòng/i, "Delight our customers at every touchpoint", "Làm khách hàng hài lòng ở mọi điểm chạm"],
  [/traffic|visits|seo|truy cập/i, "Make it easy for the right buyers to find us", "Giúp đúng khách hàng dễ dàng tìm thấy chúng ta"],
  [/leads|pipeline|mql|sql|tiềm năng/i, "Build a pipeline our sales team can count on", "Có nguồn khách hàng tiềm năng mà đội bán hàng tin cậy"],
  [/revenue|\barr\b|\bmrr\b|sales|deals|bookings|doanh thu|doanh số|bán hàng|hợp đồng/i, "Grow revenue our business can build on", "Tăng trưởng doanh thu một cách bền vững"],
  [/cost|spend|budget|expenses|chi phí|ngân sách/i, "Run a leaner, more efficient business", "Vận hành tinh gọn và hiệu quả hơn"],
  [/bug|crash|incident|outage|uptime|quality|lỗi|sự cố|chất lượng/i, "Give customers a product they can rely on", "Mang đến sản phẩm ổn định mà khách hàng tin cậy"],
  [/latency|response time|speed|faster|load time|thời gian|nhanh/i, "Make every interaction feel fast", "Mang lại trải nghiệm nhanh chóng ở mọi tương tác"],
  [/hire|hiring|engineers|headcount|recruit|tuyển/i, "Become a place great people want to join", "Trở thành nơi làm việc ai cũng muốn gia nhập"],
  [/users|customers|signups|subscribers|members|khách hàng|người dùng|thành viên/i, "Win customers who love the product", "Chinh phục những khách hàng yêu thích sản phẩm"],
];
const FALLBACK: [string, string] = ["Make a step change our customers will notice", "Tạo bước tiến mà khách hàng cảm nhận được"];

function num(text: string): number | null {
  const digits = plainDigits(text.replace(/[$€£\s%]/g, ""));
  return digits === null ? null : Number(digits);
}

/** The metric clause of the title (without a "by doing X" means) and the numbers it gives. */
function metricKr(title: string): RewriteKr {
  const means = findOutput(title);
  let clause = title;
  if (means && /^(by|through|via|bằng cách)\b/i.test(means.text)) clause = (title.slice(0, means.start) + title.slice(means.end)).replace(/\s+/g, " ").trim();
  clause = clause.replace(/[,.;]\s*$/, "");
  const range = /(?:from|từ)\s+([$€£]?\s?\d[\d.,]*)\s?(%?)[^,.;]*?\s+(?:to|lên|xuống|đến|tới)\s+([$€£]?\s?\d[\d.,]*)\s?(%?)\s*([\p{L}/]+)?/iu.exec(clause);
  if (range) return { title: clause, start: num(range[1]!), target: num(range[3]!), unit: range[2] || range[4] ? "%" : (range[5] ?? "") };
  const relative = /\b(?:by|thêm)\s+\d|\d[\d.,]*\s?%/iu.test(clause) && /\b(increase|grow|raise|boost|improve|reduce|cut|lower|decrease|tăng|giảm|nâng)\b/iu.test(clause);
  if (relative) return { title: clause, start: null, target: null, unit: /%/.test(clause) ? "%" : "" };
  const m = /([$€£]?\s?\d[\d.,]*)\s?(%|k|m)?\s*([\p{L}/-]+)?/iu.exec(findMetric(clause)?.text ?? clause);
  const value = m ? num(m[1]!) : null;
  const scale = m?.[2]?.toLowerCase() === "k" ? 1e3 : m?.[2]?.toLowerCase() === "m" ? 1e6 : 1;
  return { title: clause, start: null, target: value === null ? null : value * scale, unit: m?.[2] === "%" ? "%" : (m?.[3] ?? "") };
}

export function rewriteObjective(title: string): Rewrite | null {
  if (!findMetric(title)) return null;
  const vi = VI.test(title);
  const topic = TOPICS.find(([re]) => re.test(title));
  const objective = topic ? (vi ? topic[2] : topic[1]) : vi ? FALLBACK[1] : FALLBACK[0];
  const rewrite = { objective, keyResults: [metricKr(title)] };
  // The rules stay the judge: a rewrite that still carries a metric is no rewrite.
  return findMetric(rewrite.objective) ? null : rewrite;
}

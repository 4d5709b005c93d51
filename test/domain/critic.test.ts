// Every critic rule, in English and Vietnamese, including the numbers that are not metrics.

import { describe, expect, it } from "vitest";
import { critique, critiqueWithRewrite, type DraftObjective } from "../../src/domain/critic.js";
import { findMetric, findOutput } from "../../src/domain/critic-language.js";
import { judgeObjective } from "../../src/domain/critic-rewrite.js";

const GOOD_KRS = [
  { title: "Raise activation from 40% to 55%", start: 40, target: 55, owner: "Minh" },
  { title: "Cut time-to-value from 7 to 3 days", start: 7, target: 3, owner: "Bao" },
];
const rules = (title: string, extra: Partial<DraftObjective> = {}) => critique({ title, owner: "Linh", keyResults: GOOD_KRS, ...extra }).map((f) => f.rule);

describe("objective-has-metric", () => {
  it.each([
    ["Increase conversion by 2% by optimizing the landing page", "2%"],
    ["Grow ARR from $4M to $6M", "from $4M to $6M"],
    ["Reach $2M in ARR", "$2M"],
    ["Double our enterprise pipeline", "Double"],
    ["Halve support response times", "Halve"],
    ["Cut cloud spend by a third", "by a third"],
    ["Grow signups 3x", "3x"],
    ["Keep NPS above 60", "NPS above 60"],
    ["Grow ARR by 30%", "30%"],
    ["Reach 1,000 paying customers", "1,000"],
    ["Hire 5 senior engineers", "5"],
    ["Tăng tỷ lệ chuyển đổi 2%", "2%"],
    ["Tăng tỷ lệ giữ chân từ 45% lên 60%", "từ 45% lên 60%"],
    ["Giảm chi phí vận hành xuống 2 tỷ đồng", "2 tỷ"],
    ["Đạt 1.000 khách hàng trả phí", "1.000"],
    ["Tăng doanh thu gấp đôi", "gấp đôi"],
    ["Cut p95 latency below 200ms", "200ms"],
  ])("flags %j (span %j)", (title, text) => {
    const f = critique({ title, owner: "x", keyResults: GOOD_KRS }).find((x) => x.rule === "objective-has-metric")!;
    expect(f).toBeDefined();
    expect(f.severity).toBe("error");
    expect(f.span!.text).toBe(text);
    expect(title.slice(f.span!.start, f.span!.end).trim()).toBe(text);
  });
  it.each([
    "Become the go-to workspace for remote product teams by 2027",
    "Win the enterprise market in Q3",
    "Make H1 the half our customers noticed us",
    "Ship a v2 that power users love",
    "Support customers 24/7 without burning out the team",
    "Land our first enterprise customer",
    "Be the 1st choice for B2B buyers in Web3",
    "Pass the SOC 2 audit without slowing the roadmap",
    "Trở thành lựa chọn số một năm 2027",
    "Chinh phục thị trường doanh nghiệp trong quý 3",
    "Khách hàng hài lòng với phiên bản 3",
    "Hỗ trợ khách hàng 24/7",
    "Trở thành đối tác thứ 1 của khách hàng B2B",
  ])("does not flag %j", (title) => expect(findMetric(title)).toBeNull());
});

describe("objective-is-output", () => {
  it.each([
    "Launch the new billing portal",
    "Migrate to Kubernetes",
    "Implement SSO for enterprise",
    "Redesign the onboarding flow",
    "Ra mắt ứng dụng di động mới",
    "Triển khai hệ thống CRM",
    "Chuyển toàn bộ hạ tầng sang AWS",
    "Tăng ARR thêm 30% nhờ triển khai gói Enterprise",
  ])("flags %j", (title) => expect(rules(title)).toContain("objective-is-output"));
  it.each([
    "Ship releases our customers can trust",
    "Build a team people want to join",
    "Delight our enterprise customers",
    "Xây dựng đội ngũ bán hàng hiệu quả và bền vững",
    "Mang lại trải nghiệm mà khách hàng tin tưởng",
  ])("does not flag %j", (title) => expect(rules(title)).not.toContain("objective-is-output"));
  it("flags the means in 'by optimizing the landing page' with its span", () => {
    const f = critique({ title: "Increase conversion by 2% by optimizing the landing page", owner: "x", keyResults: GOOD_KRS }).find((x) => x.rule === "objective-is-output")!;
    expect(f.span!.text).toBe("by optimizing the landing page");
  });
});

describe("other objective rules", () => {
  it("objective-vague: a verb and a topic, nothing else", () => {
    expect(rules("Improve onboarding")).toContain("objective-vague");
    expect(rules("Cải thiện onboarding")).toContain("objective-vague");
    expect(rules("Make the first week with us effortless for new teams")).not.toContain("objective-vague");
  });
  it("objective-too-long: over 18 words", () => {
    const long = "Make our product the one that every single remote product team in the region reaches for first when they plan their week";
    expect(long.split(" ").length).toBeGreaterThan(18);
    expect(rules(long)).toContain("objective-too-long");
    expect(rules("Delight our enterprise customers")).not.toContain("objective-too-long");
  });
});

describe("key result rules", () => {
  it("kr-count, kr-not-measurable, kr-is-activity, krs-all-milestones, missing-owner, too-many-objectives", () => {
    expect(critique({ title: "Delight customers", owner: "a", keyResults: [GOOD_KRS[0]!] }).map((f) => f.rule)).toContain("kr-count");
    expect(critique({ title: "Delight customers", owner: "a", keyResults: Array(6).fill(GOOD_KRS[0]) }).map((f) => f.rule)).toContain("kr-count");
    const notMeasurable = critique({ title: "Delight customers", owner: "a", keyResults: [{ title: "Happier users" }, { title: "NPS", start: 40, target: 40 }] });
    expect(notMeasurable.filter((f) => f.rule === "kr-not-measurable").map((f) => f.keyResult)).toEqual([0, 1]);
    const activity = critique({
      title: "Delight customers",
      owner: "a",
      keyResults: [
        { title: "Hold quarterly business reviews with 80% of top accounts", start: 0, target: 80 },
        { title: "Tổ chức 5 buổi hội thảo khách hàng", start: 0, target: 5 },
        GOOD_KRS[0]!,
      ],
    });
    expect(activity.filter((f) => f.rule === "kr-is-activity").map((f) => f.span!.text)).toEqual(["Hold", "Tổ chức"]);
    expect(
      critique({
        title: "Delight customers",
        owner: "a",
        keyResults: [
          { title: "Launch the portal", kind: "milestone" },
          { title: "Go live in EU", kind: "milestone" },
        ],
      }).map((f) => f.rule),
    ).toContain("krs-all-milestones");
    expect(critique({ title: "Delight customers", keyResults: GOOD_KRS }).map((f) => f.rule)).toContain("missing-owner");
    expect(critique({ title: "Delight customers", owner: "a", keyResults: GOOD_KRS, siblingObjectives: 4 }).map((f) => f.rule)).toContain("too-many-objectives");
    expect(critique({ title: "Delight customers", owner: "a", keyResults: GOOD_KRS, siblingObjectives: 3 }).map((f) => f.rule)).not.toContain("too-many-objectives");
  });
});

describe("rewrite", () => {
  it("turns the acme fixture's O3 into a qualitative objective and moves the metric into a KR", () => {
    const { findings, rewrite } = critiqueWithRewrite({ title: "Increase conversion by 2% by optimizing the landing page", owner: "Minh Nguyen", keyResults: GOOD_KRS });
    expect(findings.map((f) => f.rule)).toEqual(["objective-has-metric", "objective-is-output"]);
    expect(rewrite).toMatchObject({
      rule: "objective-has-metric",
      objective: rewrite!.candidates[0],
      keyResults: [
        { title: "Increase conversion by 2%", start: null, target: null, unit: "%" },
        { title: "Optimize the landing page", kind: "milestone" },
      ],
    });
    // The subject stays: every candidate is about conversion, none carries the number.
    for (const c of rewrite!.candidates) expect(c, c).toMatch(/conversion/i);
  });
  it("reads start and target from the text where it gives them, in both languages", () => {
    expect(critiqueWithRewrite({ title: "Grow retention from 45% to 60%", keyResults: [] }).rewrite!.keyResults[0]).toEqual({
      title: "Grow retention from 45% to 60%",
      start: 45,
      target: 60,
      unit: "%",
    });
    const vi = critiqueWithRewrite({ title: "Tăng tỷ lệ giữ chân từ 45% lên 60%", keyResults: [] }).rewrite!;
    expect(vi.keyResults).toEqual([{ title: "Tăng tỷ lệ giữ chân từ 45% lên 60%", start: 45, target: 60, unit: "%" }]);
    expect(vi.objective).toMatch(/tỷ lệ giữ chân/);
    expect(critiqueWithRewrite({ title: "Reach 1,000 paying customers", keyResults: [] }).rewrite!.keyResults[0]).toMatchObject({ start: null, target: 1000 });
  });
  it("never leaves a metric in the rewritten objective, and passes the metric rule itself", () => {
    for (const title of [
      "Grow ARR from $4M to $6M",
      "Double signups",
      "Cut cloud spend by 20%",
      "Hire 12 engineers",
      "Giảm chi phí 30%",
      "Đạt 5 tỷ doanh thu",
      "Reach 99.9% uptime",
      "Ship 4 features",
    ]) {
      const { rewrite } = critiqueWithRewrite({ title, keyResults: [] });
      expect(rewrite, title).not.toBeNull();
      expect(findMetric(rewrite!.objective), `${title} → ${rewrite!.objective}`).toBeNull();
      expect(rules(rewrite!.objective), rewrite!.objective).not.toContain("objective-has-metric");
    }
    expect(critiqueWithRewrite({ title: "Delight our customers", keyResults: [] }).rewrite).toBeNull();
  });
});

describe("findings in the language asked", () => {
  // A draft that trips every rule a draft can: metric, output, activity KR, length, KR count,
  // owners, measurability, milestones only, too many objectives.
  const draft: DraftObjective = {
    title: "Launch the new mobile app and grow revenue by 20% across every region we sell in this year with partners and resellers",
    keyResults: [{ title: "Run 10 webinars", kind: "milestone", owner: "" }],
    siblingObjectives: 4,
  };
  it("says every finding in Vietnamese, with the same rules, severities and spans as in English", () => {
    const en = critique(draft, "en");
    const vi = critique(draft, "vi");
    expect(en.length).toBeGreaterThanOrEqual(6);
    expect(vi.map((f) => [f.rule, f.severity, f.span?.text])).toEqual(en.map((f) => [f.rule, f.severity, f.span?.text]));
    for (const [i, f] of vi.entries()) {
      expect(f.message, f.rule).not.toBe(en[i]!.message);
      // No English sentence left in it: the words quoted from the draft aside.
      const own = f.message.replace(/"[^"]*"/g, "") + " " + (f.suggestion ?? "").replace(/"[^"]*"/g, "");
      expect(own, f.rule).not.toMatch(/\b(the|objective|key result|has|with|and|not)\b/i);
    }
  });
});

describe("real-world objectives (issue 12, first pass)", () => {
  const metric = (t: string) => findMetric(t)?.text ?? null;
  it("reads versions, model numbers, buckets, named challenges, adjectives and the Vietnamese article '1' as no metric", () => {
    for (const t of [
      "Get 2.0 in the hands of customers",
      "Establish the 8086 as the best 16-bit microprocessor",
      "Reduce the amount of dollars in accounts receivable past 60 days due",
      "Build confidence in ability to complete the 50 by 50 challenge",
      "Maintain 1 quy trình agile",
    ])
      expect(metric(t), t).toBeNull();
  });
  it("counts placeholders, counts in words and 'the majority of' as metrics", () => {
    expect(metric("Đạt KPIs doanh số cá nhân [phần trăm]% so với kế hoạch năm.")).toBe("[phần trăm]%");
    expect(metric("Đạt doanh thu XX tỷ đồng")).toBe("XX tỷ");
    expect(metric("Enhance cross-functional collaboration by successfully implementing two joint change initiatives")).toBe("two joint");
    expect(metric("Resolve the majority of customer issues before they escalate")).toBe("the majority of");
    expect(metric("Thúc đẩy tăng trưởng nhanh, giá trị 1 tỉ đô")).toBe("1 tỉ");
  });
  const output = (t: string) => findOutput(t)?.text ?? null;
  it("finds the deliverable after 'successfully', 'ensure', 'make … work', 'use', 'improve <artifact>', 'get … in the hands of', and in Vietnamese", () => {
    expect(output("Successfully launch our new product")).toBe("launch");
    expect(output("Ensure mobile apps are in sync with web app")).toBe("Ensure mobile apps");
    expect(output("Make Google calendar integration work seamlessly")).toBe("Make Google calendar integration");
    expect(output("Use ticket templates to improve speed and customer satisfaction")).toBe("Use ticket templates");
    expect(output("Improve PRD template")).toBe("Improve PRD template");
    expect(output("Get 2.0 in the hands of customers")).toBe("Get 2.0 in the hands of");
    expect(output("khởi chạy phiên bản beta")).toBe("khởi chạy");
    expect(output("thiết kế tầm nhìn sản phẩm mới")).toBe("thiết kế");
    expect(output("Xuất bản cuốn sách về OKRs")).toBe("Xuất bản");
  });
  it("never calls an experience, a team, a capability or a position to win an output", () => {
    for (const t of [
      "Create a high performing engineering team",
      "Deliver a world-class mobile experience",
      "Build a world-class customer onboarding experience",
      "Establish the brand as the go-to resource for mid-market CFOs",
      "Improve mobile app reusability throughout the organization",
      "Automate Back Office Team Business Processes",
    ])
      expect(output(t) === null, t).toBe(!/Automate/.test(t));
  });
});

describe("rewrites that keep the objective's subject (issue 12)", () => {
  const rewrite = (title: string) => critiqueWithRewrite({ title, keyResults: [] }).rewrite;
  // Content words of the subject that every candidate must keep.
  it.each([
    ["Increase student English test scores by 20%", [/student/i, /English/]],
    ["Reduce customer churn from 5% to 3%", [/customer churn/i]],
    ["Reach $2M in ARR", [/ARR/]],
    ["Maintain 99.9% uptime", [/uptime/i]],
    ["Move Line 3 from chronic 60% OEE to consistent 75%+ by Q3 end", [/line 3/i, /OEE/]],
    ["Tăng 30% đăng ký qua email vào cuối Q4", [/đăng ký qua email/]],
    ["Giảm 20% chi phí vận hành", [/chi phí vận hành/]],
    ["Đạt doanh thu 400.000.000 Đ trong quý tới", [/doanh thu/]],
  ])("%s: up to three qualitative candidates, each keeping the subject", (title, subject) => {
    const r = rewrite(title)!;
    expect(r.rule).toBe("objective-has-metric");
    expect(r.candidates.length).toBeGreaterThanOrEqual(1);
    expect(r.candidates.length).toBeLessThanOrEqual(3);
    expect(new Set(r.candidates).size).toBe(r.candidates.length);
    expect(r.objective).toBe(r.candidates[0]);
    for (const c of r.candidates) {
      expect(judgeObjective(c), `${title} → ${c}`).toBeNull();
      for (const word of subject) expect(c, `${title} → ${c}`).toMatch(word);
    }
  });
  it("moves the metric into a key result with the start and target the text gives", () => {
    expect(rewrite("Increase student English test scores by 20%")!.keyResults).toEqual([
      { title: "Increase student English test scores by 20%", start: null, target: null, unit: "%" },
    ]);
    expect(rewrite("Reach $2M in ARR")!.keyResults[0]).toMatchObject({ target: 2_000_000, unit: "USD" });
    expect(rewrite("Tăng doanh thu lên 1 triệu đô la trong quý này")!.keyResults[0]).toMatchObject({ target: 1_000_000 });
    expect(rewrite("Close the accounting books in 10 days")!.keyResults[0]).toMatchObject({ target: 10, unit: "days" });
    // "15 minutes" is not 15 million.
    expect(rewrite("Get new hires productive with a readable guide in a maximum of 15 minutes")!.keyResults[0]).toMatchObject({ target: 15, unit: "minutes" });
  });
  it.each([
    ["Launch the new billing portal", /billing portal/, "Launch the new billing portal"],
    ["Successfully launch our new product", /new product/, "Launch our new product"],
    ["Get 2.0 in the hands of customers", /customers/, "Get 2.0 in the hands of customers"],
    ["Improve PRD template", /PRD template/, "Improve PRD template"],
    ["Make Google calendar integration work seamlessly", /Google calendar integration/, "Make Google calendar integration work seamlessly"],
    ["Ensure mobile apps are in sync with web app", /mobile apps/, "Ensure mobile apps are in sync with web app"],
    ["Automate back office business processes", /back office business processes/, "Automate back office business processes"],
    ["Build a first MVP that makes college students excited", /college students/, "Build a first MVP that makes college students excited"],
    ["Khởi chạy phiên bản beta", /phiên bản beta/, "Khởi chạy phiên bản beta"],
    ["Thiết kế tầm nhìn sản phẩm mới", /tầm nhìn sản phẩm mới/, "Thiết kế tầm nhìn sản phẩm mới"],
    ["Xuất bản cuốn sách về OKRs", /cuốn sách về OKRs/, "Xuất bản cuốn sách về OKRs"],
  ])("an output objective (%s) gets the outcome it serves, the deliverable as a milestone KR", (title, subject, milestone) => {
    const r = rewrite(title)!;
    expect(r.rule).toBe("objective-is-output");
    for (const c of r.candidates) {
      expect(judgeObjective(c), `${title} → ${c}`).toBeNull();
      expect(c, `${title} → ${c}`).toMatch(subject);
    }
    expect(r.keyResults[0]).toEqual({ title: milestone, start: null, target: null, unit: "", kind: "milestone" });
  });
  it("says for whom when the objective names them, and keeps its purpose", () => {
    expect(rewrite("Create a stellar return process for customers")!.objective).toMatch(/customers/);
    expect(rewrite("Use ticket templates to improve speed and customer satisfaction")!.objective).toBe("Improve speed and customer satisfaction with our ticket templates");
    expect(rewrite("Launch the new onboarding flow")!.keyResults[1]).toEqual({ title: "Share of users using the new onboarding flow", start: null, target: null, unit: "%" });
  });
  it("offers no rewrite when neither rule fired, nor a filler sentence without the subject", () => {
    for (const title of [
      "Create a high performing engineering team",
      "Delight our customers",
      "Deliver a world-class mobile experience",
      "Trở thành nền tảng quản trị số 1 tại Việt Nam",
    ])
      expect(rewrite(title), title).toBeNull();
    for (const f of critique({ title: "Delight our customers", owner: "a", keyResults: GOOD_KRS })) expect(f.suggestion ?? "").not.toMatch(/Try "/);
  });
  it("puts the best candidate in the finding's suggestion, in the objective's language", () => {
    const en = critique({ title: "Launch the new billing portal", owner: "a", keyResults: GOOD_KRS }).find((f) => f.rule === "objective-is-output")!;
    expect(en.suggestion).toContain(`Try "${rewrite("Launch the new billing portal")!.objective}"`);
    const vi = critique({ title: "Giảm 20% chi phí vận hành", owner: "a", keyResults: GOOD_KRS });
    expect(vi.find((f) => f.rule === "objective-has-metric")!.message).toMatch(/^Mục tiêu chứa một chỉ số/);
    expect(vi.find((f) => f.rule === "objective-has-metric")!.suggestion).toMatch(/^Thử "/);
    // Asked for English, an objective in Vietnamese still gets English findings.
    expect(critique({ title: "Giảm 20% chi phí vận hành", owner: "a", keyResults: GOOD_KRS }, "en")[0]!.message).toMatch(/^The objective contains a metric/);
  });
});

describe("real-world objectives (issue 12, second round)", () => {
  it.each([
    ["Execute 1 competitive takeout campaign.", false],
    ["Solve Big Code problems for the largest enterprises (5k+ user, multi-business unit, global)", false],
    ["Sell to companies with 500+ employees", false],
    ["Hire 1 designer and 2 engineers", true],
    ["Reach 1 million users", true],
  ])("metric: %s → %s", (title, metric) => expect(rules(title).includes("objective-has-metric"), title).toBe(metric));
  it.each([
    ["A complete implementation of IPFS in JavaScript", true],
    ["Real-time dashboard for everything in the Metrics sheet.", true],
    ["Chiến lược tuyển dụng kĩ sư", true],
    ["Cải thiện tài liệu quản trị nội bộ", true],
    ["Execute a competitive takeout campaign", true],
    ["Set up a community of writers and content creators.", false],
    ["Develop strong communication with patients and families", false],
    ["Phát triển kỹ năng leadership", false],
    ["Improve the dashboard load time for analysts", false],
    ["Data transfer is fast and efficient", false],
    ["Consistent and transparent compensation for every role", false],
  ])("output: %s → %s", (title, output) => expect(rules(title).includes("objective-is-output"), title).toBe(output));
});

describe("judgement calls, both sides (docs/DESIGN.md)", () => {
  it.each([
    ["Be the #1 CRM for small businesses", false],
    ["Trở thành phần mềm quản trị số 1 tại Việt Nam", false],
    ["Trở thành lựa chọn hàng đầu cho các chủ shop", false],
    ["Become a top 3 player in Europe by DAU", true],
    ["Đưa sản phẩm vào top 3 ngành hàng", true],
  ])("ranks: %s → metric %s", (title, metric) => expect(rules(title).includes("objective-has-metric"), title).toBe(metric));
  it.each([
    ["Launch self-serve billing so that customers never wait for an invoice", false],
    ["Launch self-serve billing", true],
    ["Ra mắt cổng thanh toán để khách hàng không phải chờ hóa đơn", false],
    ["Ra mắt cổng thanh toán", true],
    ["Cải thiện quy trình test", false],
    ["Improve PRD template", true],
  ])("a deliverable with or without who benefits and how: %s → output %s", (title, output) => expect(rules(title).includes("objective-is-output"), title).toBe(output));
});

describe("rewrites point the right way", () => {
  it.each([
    ["Achieve zero lost-time accidents", /^Reduce lost-time accidents/],
    ["Reach fewer than 3 P1 incidents per month", /^Reduce P1 incidents/],
    ["Achieve budget variance of less than 5%", /^Reduce budget variance/],
    ["Đạt 0 sự cố nghiêm trọng", /^Giảm sự cố nghiêm trọng/],
    ["Reach $2M in ARR", /^Keep ARR growing/],
    ["Maintain 99.9% uptime", /^Keep uptime steady/],
  ])("%s → %s", (title, first) => expect(critiqueWithRewrite({ title, keyResults: [] }).rewrite!.objective).toMatch(first));
  it("counts in words are metrics, 'zero to one' is not", () => {
    expect(rules("Achieve zero lost-time accidents")).toContain("objective-has-metric");
    expect(rules("Get churn to single-digit")).toContain("objective-has-metric");
    expect(rules("Win half of our target accounts")).toContain("objective-has-metric");
    expect(rules("Zero to one: find product-market fit")).not.toContain("objective-has-metric");
  });
  it("personal tasks are flagged but get no invented outcome", () => {
    expect(rules("Mua nhà ở VinHome RiverSide")).toContain("objective-is-output");
    expect(critiqueWithRewrite({ title: "Mua nhà ở VinHome RiverSide", keyResults: [] }).rewrite).toBeNull();
  });
});

describe("what a kind of deliverable is for", () => {
  it.each([
    ["Publish the new API documentation", /^Help developers find answers fast in the new API documentation$/],
    ["Build a sales dashboard", /^Help the team decide faster with our sales dashboard$/],
    ["Release the Python SDK", /^Make the Python SDK a joy for developers to build on$/],
    ["Launch an onboarding course for new managers", /^Help new managers learn what they need from our onboarding course$/],
    ["Organize the first community conference", /^Make the first community conference a hit with attendees$/],
    ["Research how teams use dashboards", /^Know how teams use dashboards well enough to act on it$/],
    ["Viết tài liệu hướng dẫn sử dụng", /^Giúp người dùng tìm được câu trả lời nhanh trong tài liệu hướng dẫn sử dụng$/],
  ])("%s", (title, first) => expect(critiqueWithRewrite({ title, keyResults: [] }).rewrite!.objective).toMatch(first));
  it("invents no users when nothing says who a deliverable serves", () => {
    // Nor a "Get real value from …" that names nobody: no rewrite rather than filler.
    expect(critiqueWithRewrite({ title: "Build the new bridge across the river", keyResults: [] }).rewrite).toBeNull();
    expect(rules("Build the new bridge across the river")).toContain("objective-is-output");
  });
});

describe("real-world objectives (issue 12, third round)", () => {
  it.each([
    ["I will build a network graph of the community assets", true],
    ["Contribute to the storage engine", true],
    ["Gather collaborators", true],
    ["Achieve SOC 2 Type II certification", true],
    ["Improve blog process documentation", true],
    ["Litmus & CI/E2E blogs", true],
    ["Create the lowest carbon footprint in our industry", false],
    ["Triple inbound demo requests", false],
    ["Collect 95% of invoices within 30 days", false],
  ])("output: %s → %s", (title, output) => expect(rules(title).includes("objective-is-output"), title).toBe(output));
  it("a size in brackets only says which things are meant", () => {
    expect(rules("go-ipfs handles large datasets (1TB++) without a sweat")).not.toContain("objective-has-metric");
    expect(rules("Grow to 1TB of stored data")).toContain("objective-has-metric");
  });
  it.each([
    ["Achieve SOC 2 Type II certification", /^Give customers the assurance that SOC 2 Type II certification brings$/],
    ["Publish a monthly newsletter", /^Make our monthly newsletter worth coming back to for our readers$/],
    ["Gather collaborators", /^Bring together collaborators who move the work forward$/],
    ["Contribute to the storage engine", /^Make our work on the storage engine count$/],
  ])("rewrite of %s", (title, first) => expect(critiqueWithRewrite({ title, keyResults: [] }).rewrite!.objective).toMatch(first));
});

describe("English, by default: a sentence that names no result names work", () => {
  it.each([
    ["Refine the customer success processes to increase onboarding", true],
    ["Translate the docs into Spanish", true],
    ["Chaos testing for every release", true],
    ["Align marketing and sales on lead quality", false],
    ["Excellent system availability for a seamless user experience", false],
    ["Customers trust our releases", false],
    ["go-ipfs handles large datasets without a sweat", false],
    ["Ownership", false],
    ["Double the Monthly Recurring Revenue (MRR)", false],
    ["Deliver a world-class mobile experience", false],
    ["Establish the brand as the go-to resource for CFOs", false],
    ["Nâng cao hiệu quả bán hàng", false],
  ])("%s → output %s", (title, output) => expect(rules(title).includes("objective-is-output"), title).toBe(output));
  it("reads a verb it does not know before 'the', 'our' or 'a' when it rewrites", () => {
    expect(critiqueWithRewrite({ title: "Refine the customer success processes to increase onboarding", keyResults: [] }).rewrite!.objective).toBe(
      "Increase onboarding with the customer success processes",
    );
  });
});

describe("cadences and first-week deadlines", () => {
  it("are targets when they say how often or by when work happens, not when they name a thing", () => {
    expect(rules("Cut median PR cycle time so teams can ship to production daily by end of Q3.")).toContain("objective-has-metric");
    expect(rules("Get new users to their first meaningful action before the end of their first week.")).toContain("objective-has-metric");
    expect(rules("Every new hire feels productive in their first week")).not.toContain("objective-has-metric");
    expect(rules("Publish a weekly newsletter")).not.toContain("objective-has-metric");
  });
  it("leave the rewrite with the key result, and a purpose stays after the template", () => {
    expect(critiqueWithRewrite({ title: "Cut median PR cycle time so teams can ship to production daily by end of Q3.", keyResults: [] }).rewrite!.objective).toBe(
      "Cut median PR cycle time for good so teams can ship to production",
    );
  });
});

describe("directions and clauses", () => {
  it("optimising, repositioning, maturing are directions, not deliverables", () => {
    for (const title of ["Optimize onboarding for small teams", "Reposition the brand for enterprise buyers", "Mature our incident response", "Tối ưu hiệu năng module A"])
      expect(rules(title), title).not.toContain("objective-is-output");
  });
  it("two clauses keep both in the author's words", () => {
    expect(critiqueWithRewrite({ title: "Grow revenue by 20% and expand into two new markets", keyResults: [] }).rewrite!.objective).toBe(
      "Grow revenue and expand into new markets",
    );
  });
});

describe("the English default, second round", () => {
  it.each([
    ["Communications: Develop clearer messages and better systems to explain the mission", true],
    ["Hiring permanent staff to help the team execute", true],
    ["Operationalize the Open Innovation strategy through pilot projects", true],
    ["We have a preliminary strategy that is a reliable input to the teams", true],
    ["The Activate Portal is improved for Mobilizer Reps", true],
    ["Deliver superior quality new leads", false],
    ["Council keeps supporting non-coding communities", false],
    ["The program continues to grow its process maturity", false],
    ["Identified internationally as the primary resource for fiscal sponsorships", false],
    ["Conversion from free", false],
    ["CONSUMER POWER: Mobilize an influential consumer audience", false],
  ])("%s → output %s", (title, output) => expect(rules(title).includes("objective-is-output"), title).toBe(output));
});

describe("noun phrases: a thing to make, or an area", () => {
  it.each([
    ["Chaos testing for every release", true],
    ["Feature flags for mobile apps", true],
    ["Conversion from free", false],
    ["GitLab Managed future", false],
    ["World-wide acknowledgement of the OSI as the steward of the definition", false],
    ["Scheduled chaos", false],
  ])("%s → output %s", (title, output) => expect(rules(title).includes("objective-is-output"), title).toBe(output));
});

describe("rewrites after the round-7 judge", () => {
  it("leave no 'or more' behind and invent no cadence", () => {
    const r = critiqueWithRewrite({ title: "Grow weekly active teams to 500 or more", keyResults: [] }).rewrite!;
    for (const c of r.candidates) expect(c, c).not.toMatch(/or more|quarter after quarter/);
  });
  it("keep an adjective of pace inside the deliverable", () => {
    expect(critiqueWithRewrite({ title: "Launch the new monthly newsletter", keyResults: [] }).rewrite!.objective).toMatch(/the new monthly newsletter/);
  });
});

describe("after the round-9 judge", () => {
  it("a cohort's number is its name, and a manner to reach is a result", () => {
    expect(rules("Onboard the founders of batch 5 smoothly")).not.toContain("objective-has-metric");
    expect(rules("Onboard the founders of batch 5 smoothly")).not.toContain("objective-is-output");
  });
  it("keeps what is counted when the number goes", () => {
    expect(critiqueWithRewrite({ title: "Gain 1000 GitHub stars", keyResults: [] }).rewrite?.candidates.join(" ") ?? "").not.toMatch(/\bGitHub$/);
  });
});

// npm run eval -- [--model M] [--dataset FILE] [--json] [--report] [--check] (--help for details)
// Runs every case on a fresh copy of its fixture through the real agent → MCP → store path, scores
// it, and prints per-category and overall figures. --check fails below evals/thresholds.json.

import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runAgent } from "../src/agent/agent.js";
import { connectTools, krDirectory, workspaceSummary } from "../src/agent/mcp-tools.js";
import { resolveModel } from "../src/agent/models.js";
import { loadConfig } from "../src/config.js";
import { readImportSource } from "../src/io/read-import.js";
import { projectRoot } from "../src/paths.js";
import { OkrService } from "../src/service/okr-service.js";
import { LanceStore } from "../src/store/lance-store.js";
import type { ModelMessage } from "ai";
import { normalizeCase, scoreCase, snapshot, type CheckResult, type EvalCase } from "./agent-case.js";

const USAGE = `usage: npm run eval -- [options]

Runs every case of a dataset on a fresh copy of its fixture, through the real agent, MCP tools and
store, and prints per-category and overall figures with every wrong write.

  --dataset FILE   JSONL cases (default evals/datasets/agent.jsonl; blind sets live beside it)
  --model M        local (default), or a provider model as configured (see README, "Models")
  --check          exit 1 when below evals/thresholds.json or on any wrong write
  --json           print the results as JSON
  --report         also write evals/results/<model>.md
  --blind          figures only: no failed case or wrong write is named (for an untouched
                   test set, which must be run without being read)
  -h, --help       this text`;
let parsed;
try {
  parsed = parseArgs({
    options: {
      model: { type: "string" },
      dataset: { type: "string" },
      json: { type: "boolean", default: false },
      report: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      blind: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
} catch (e) {
  console.error(`eval: ${(e as Error).message.split("\n")[0]} (see npm run eval -- --help)`);
  process.exit(2);
}
const args = parsed.values;
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const config = loadConfig({ model: args.model }, process.env);
const root = projectRoot();
const datasetPath = args.dataset ?? join(root, "evals", "datasets", "agent.jsonl");
let cases: EvalCase[];
try {
  cases = (await readFile(datasetPath, "utf8"))
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      let c: EvalCase;
      try {
        c = normalizeCase(JSON.parse(l));
      } catch (e) {
        throw new Error(`${datasetPath}:${i + 1}: not JSON (${(e as Error).message})`, { cause: e });
      }
      // One line for a case of neither format, not a stack trace from deep in the runner.
      if (typeof c.fixture !== "string" || !Array.isArray(c.turns))
        throw new Error(`${datasetPath}:${i + 1}: a case needs "turns" and either "family" (blind format) or "fixture" and "category"`);
      return c;
    });
} catch (e) {
  console.error(`eval: ${(e as Error).message.split("\n")[0]}`);
  process.exit(2);
}

interface CaseResult {
  id: string;
  category: string;
  lang: string;
  pass: boolean;
  checks: CheckResult[];
  wrongWrites: number;
  wrongWriteDetail: string[];
  modelCalls: number;
  tokens: number;
  ms: number;
  error?: string;
}

const work = await mkdtemp(join(tmpdir(), "okr-eval-"));
const templates = new Map<string, string>();
/** Each fixture is imported once; every case gets a copy of that data directory. */
async function fixtureDir(name: string): Promise<string> {
  let dir = templates.get(name);
  if (!dir) {
    dir = join(work, `template-${name}`);
    const svc = new OkrService(await LanceStore.open(dir));
    const read = await readImportSource(join(root, "examples", name));
    await svc.import(read.data, read.problems);
    await svc.close();
    templates.set(name, dir);
  }
  return dir;
}

const results: CaseResult[] = [];
const env = { apiKey: config.openaiApiKey, baseUrl: config.openaiBaseUrl };
resolveModel(config.model, env); // fail fast on a bad --model
for (const [n, c] of cases.entries()) {
  const dir = join(work, `case-${n}`);
  await cp(await fixtureDir(c.fixture), dir, { recursive: true });
  const svc = new OkrService(await LanceStore.open(dir), () => new Date(`${c.asOf}T12:00:00Z`));
  const tools = await connectTools({ service: svc, mcp: { readOnly: false, today: () => c.asOf, author: "Eval", version: "eval" } });
  const model = resolveModel(config.model, env, config.model === "local" ? await krDirectory(tools) : undefined);
  const workspace = config.model === "local" ? undefined : await workspaceSummary(tools); // for LLMs: the local model reads its own directory
  const before = await snapshot(svc);
  const messages: ModelMessage[] = [];
  const run = { answers: [] as string[], calls: [] as { name: string; args: Record<string, unknown>; isError: boolean; output: unknown }[] };
  let modelCalls = 0,
    tokens = 0,
    error: string | undefined;
  const t0 = performance.now();
  try {
    for (const turn of c.turns) {
      messages.push({ role: "user", content: turn.user });
      // Evals measure understanding: the person approves every write the agent proposes (--yes).
      const r = await runAgent({ model, tools, messages, today: c.asOf, workspace, approveWrites: true });
      messages.push(...r.responseMessages);
      run.answers.push(r.answer);
      r.toolCalls.forEach((call, i) => run.calls.push({ ...call, output: r.toolOutputs[i] }));
      modelCalls += r.steps;
      tokens += r.usage.totalTokens;
    }
  } catch (e) {
    error = (e as Error).message;
  }
  const ms = performance.now() - t0;
  const score = error ? { checks: [], wrongWrites: 0, wrongWriteDetail: [] } : await scoreCase(c, run, svc, before, await snapshot(svc));
  results.push({ id: c.id, category: c.category, lang: c.lang, pass: !error && score.checks.every((x) => x.pass), ...score, modelCalls, tokens, ms, ...(error ? { error } : {}) });
  await tools.close();
  await svc.close();
  await rm(dir, { recursive: true, force: true });
  if (!args.json && process.stderr.isTTY) process.stderr.write(`\r${n + 1}/${cases.length}`);
}
await rm(work, { recursive: true, force: true });

const share = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : null);
const pctile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
function summarize(rs: CaseResult[]) {
  const by = (check: CheckResult["check"][]) => share(rs.flatMap((r) => r.checks.filter((x) => check.includes(x.check)).map((x) => x.pass)));
  return {
    cases: rs.length,
    passed: share(rs.map((r) => r.pass)) ?? 0,
    wrongWrites: rs.reduce((s, r) => s + r.wrongWrites, 0),
    toolCalls: by(["calls"]),
    state: by(["state"]),
    askAbstain: by(["asks", "noWrites"]),
    answer: by(["answer", "critic", "grounded"]),
    modelCallsPerCase: rs.reduce((s, r) => s + r.modelCalls, 0) / Math.max(1, rs.length),
    tokensPerCase: rs.reduce((s, r) => s + r.tokens, 0) / Math.max(1, rs.length),
    p50ms: pctile(
      rs.map((r) => r.ms),
      0.5,
    ),
    p95ms: pctile(
      rs.map((r) => r.ms),
      0.95,
    ),
  };
}
const categories = [...new Set(results.map((r) => r.category))].sort();
const perCategory = Object.fromEntries(categories.map((c) => [c, summarize(results.filter((r) => r.category === c))]));
const langs = [...new Set(results.map((r) => r.lang))].sort();
const perLang = Object.fromEntries(langs.map((l) => [l, summarize(results.filter((r) => r.lang === l))]));
const overall = summarize(results);
const failures = results.filter((r) => !r.pass).map((r) => ({ id: r.id, category: r.category, error: r.error, failed: r.checks.filter((x) => !x.pass) }));

const f = (x: number | null) => (x === null ? "   -" : x.toFixed(2));
const table = [
  `agent eval: model ${config.model}, ${results.length} cases from ${datasetPath.replace(root + "/", "")}`,
  "",
  `${"family".padEnd(14)} ${"cases".padStart(5)} ${"pass".padStart(5)} ${"wrong writes".padStart(12)} ${"calls".padStart(5)} ${"state".padStart(5)} ${"ask".padStart(5)} ${"answer".padStart(6)} ${"model calls".padStart(11)} ${"tokens".padStart(7)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)}`,
  ...[...categories.map((c) => [c, perCategory[c]!] as const), ...langs.map((l) => [`lang ${l}`, perLang[l]!] as const), ["overall", overall] as const].map(
    ([name, s]) =>
      `${name.padEnd(14)} ${String(s.cases).padStart(5)} ${f(s.passed).padStart(5)} ${String(s.wrongWrites).padStart(12)} ${f(s.toolCalls).padStart(5)} ${f(s.state).padStart(5)} ${f(s.askAbstain).padStart(5)} ${f(s.answer).padStart(6)} ${s.modelCallsPerCase.toFixed(2).padStart(11)} ${s.tokensPerCase.toFixed(0).padStart(7)} ${s.p50ms.toFixed(0).padStart(7)} ${s.p95ms.toFixed(0).padStart(7)}`,
  ),
].join("\n");
const failureLines = failures.map((x) => `  ${x.id}: ${x.error ?? x.failed.map((c) => `${c.check}${c.detail ? ` (${c.detail})` : ""}`).join("; ")}`);
const wrongLines = results.filter((r) => r.wrongWrites > 0).map((r) => `  ${r.id}: ${r.wrongWriteDetail.join(", ")}`);

if (args.json)
  console.log(
    JSON.stringify(
      {
        model: config.model,
        dataset: datasetPath,
        overall: overall.passed,
        wrongWrites: overall.wrongWrites,
        cases: results.length,
        summary: overall,
        categories: perCategory,
        languages: perLang,
        ...(args.blind ? {} : { failures }),
      },
      null,
      2,
    ),
  );
else
  console.log(
    args.blind
      ? `${table}\n\nwrong writes: ${overall.wrongWrites}; failed cases: ${failures.length} (not named: --blind)`
      : `${table}\n\nwrong writes (${overall.wrongWrites}):\n${wrongLines.join("\n") || "  none"}\n\nfailed cases (${failures.length}):\n${failureLines.join("\n") || "  none"}`,
  );

if (args.report) {
  const file = join(root, "evals", "results", `${config.model.replace(/[^\w.-]+/g, "_")}.md`);
  await mkdir(join(root, "evals", "results"), { recursive: true });
  await writeFile(
    file,
    `# Agent eval: ${config.model}\n\n\`\`\`\n${table}\n\`\`\`\n\n${args.blind ? `Failed cases: ${failures.length} (not named: --blind)` : `Failed cases:\n\n${failureLines.map((l) => `- ${l.trim()}`).join("\n") || "none"}`}\n`,
  );
  console.error(`wrote ${file}`);
}
if (args.check) {
  // Keyed by model for the regression set, by "model@dataset path" for any other set.
  const thresholds = JSON.parse(await readFile(join(root, "evals", "thresholds.json"), "utf8")) as Record<string, { overall: number; wrongWrites?: number }>;
  const key = args.dataset ? `${config.model}@${datasetPath.replace(root + "/", "")}` : config.model;
  const t = thresholds[key];
  if (!t) console.error(`no threshold for ${key} in evals/thresholds.json`);
  else {
    const failures = [
      ...(overall.passed < t.overall ? [`${overall.passed.toFixed(3)} of cases passed < ${t.overall}`] : []),
      ...(t.wrongWrites !== undefined && overall.wrongWrites > t.wrongWrites ? [`${overall.wrongWrites} wrong writes > ${t.wrongWrites}`] : []),
    ];
    if (failures.length) {
      console.error(`eval below threshold for ${key}: ${failures.join("; ")} (evals/thresholds.json)`);
      process.exitCode = 1;
    } else console.error(`eval threshold met for ${key}: ${overall.passed.toFixed(3)} ≥ ${t.overall}, ${overall.wrongWrites} wrong writes`);
  }
}

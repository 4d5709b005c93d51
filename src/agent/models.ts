// Picks the language model: `local` (the deterministic interpreter, default), `openai:<model>`
// (OpenAI Chat Completions) or `openai-compatible:<model>` (Ollama, vLLM, LM Studio, llama.cpp…).

import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, type LanguageModelV3 } from "@ai-sdk/provider";
import { OkrError } from "../domain/errors.js";
import { networkReason } from "../io/net-error.js";
import { LocalModel } from "./local/model.js";
import type { KrDirectory } from "./local/understand.js";

export interface ModelEnv {
  apiKey: string | null;
  baseUrl: string | null;
}

export function resolveModel(spec: string, env: ModelEnv, lookup?: KrDirectory): LanguageModelV3 {
  const [provider, ...rest] = spec.split(":");
  const name = rest.join(":");
  if (spec === "local") return new LocalModel(lookup);
  if (provider === "openai") {
    if (!name) throw new OkrError("invalid_input", "Name the OpenAI model: --model openai:gpt-4o-mini");
    if (!env.apiKey) throw new OkrError("invalid_input", "--model openai:… needs OPENAI_API_KEY in the environment.");
    // .chat(): the Chat Completions endpoint (the default Responses API is OpenAI-only).
    return createOpenAI({ apiKey: env.apiKey, ...(env.baseUrl ? { baseURL: env.baseUrl } : {}) }).chat(name);
  }
  if (provider === "openai-compatible") {
    if (!name) throw new OkrError("invalid_input", "Name the model: --model openai-compatible:llama3.1 (served at OPENAI_BASE_URL)");
    if (!env.baseUrl) throw new OkrError("invalid_input", "--model openai-compatible:… needs OPENAI_BASE_URL, e.g. http://127.0.0.1:11434/v1 for Ollama.");
    return createOpenAICompatible({ name: "openai-compatible", baseURL: env.baseUrl, ...(env.apiKey ? { apiKey: env.apiKey } : {}) }).chatModel(name);
  }
  throw new OkrError("invalid_input", `Unknown model "${spec}": use local, openai:<model> or openai-compatible:<model>.`);
}

/** A failed call to a model server as one line saying what to do (exit code 3 when it could not be
 *  reached or failed, 1 when it refused our key or the model name); other errors as they are. */
export function modelFailure(spec: string, env: ModelEnv, e: unknown): unknown {
  const where = spec.startsWith("openai-compatible") ? `the model server at ${env.baseUrl}` : "the OpenAI API";
  const reason = networkReason(e);
  if (reason !== null)
    return new OkrError("unavailable", `Cannot reach ${where} (${reason}). Start it (Ollama: ollama serve), check OPENAI_BASE_URL, or use --model local.`, { cause: e });
  const call = APICallError.isInstance(e) ? e : APICallError.isInstance((e as { lastError?: unknown })?.lastError) ? (e as { lastError: APICallError }).lastError : null;
  if (!call) return e;
  const status = call.statusCode;
  if (status === 401 || status === 403) return new OkrError("invalid_input", `${where} refused the API key (HTTP ${status}): check OPENAI_API_KEY.`, { cause: e });
  if (status === 404) return new OkrError("invalid_input", `${where} does not know the model in --model ${spec} (HTTP 404): check its name.`, { cause: e });
  return new OkrError("unavailable", `${where} failed (${status ? `HTTP ${status}: ` : ""}${call.message.slice(0, 200)}); try again later, or use --model local.`, { cause: e });
}

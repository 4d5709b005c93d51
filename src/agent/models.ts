// Picks the language model: `local` (the deterministic interpreter, default), `openai:<model>`
// (OpenAI Chat Completions) or `openai-compatible:<model>` (Ollama, vLLM, LM Studio, llama.cpp…).

import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { OkrError } from "../domain/errors.js";
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

import {
  readKnowledge
} from "./chunk-NW653CCO.js";
import {
  SinorussiaError
} from "./chunk-7DL6OGDQ.js";

// src/knowledge/check.ts
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
var COPIED_RUN_WORDS = 10;
function normalizeForQuote(text) {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'").replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"').replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ").trim();
}
function checkKnowledge(dir, textsDir) {
  const { knowledge, issues } = readKnowledge(dir);
  if (!knowledge) return { issues, sources: 0, facts: 0, quotesVerified: 0 };
  const quotesVerified = textsDir ? verifyAgainstTexts(knowledge, readTexts(textsDir), issues) : 0;
  return { issues, sources: knowledge.sources.size, facts: knowledge.facts.length, quotesVerified };
}
function readTexts(dir) {
  const texts = /* @__PURE__ */ new Map();
  let names;
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new SinorussiaError("TEXTS_UNREADABLE", `cannot read the texts folder ${dir}: ${err.message}`, dir, { cause: err });
  }
  for (const name of names) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    texts.set(createHash("sha256").update(bytes).digest("hex"), bytes.toString("utf8"));
  }
  return texts;
}
function verifyAgainstTexts(knowledge, texts, issues) {
  const normalized = /* @__PURE__ */ new Map();
  for (const source of knowledge.sources.values()) {
    const text = texts.get(source.sha256);
    if (text === void 0) {
      issues.push({ ...source.origin, id: source.id, message: `sha256: no text in the texts folder has sha256 ${source.sha256}` });
      continue;
    }
    const norm = normalizeForQuote(text);
    normalized.set(source.id, { text: norm, runs: wordRuns(norm) });
  }
  let verified = 0;
  for (const fact of knowledge.facts) {
    const article = normalized.get(fact.sourceId);
    if (!article) continue;
    if (article.text.includes(normalizeForQuote(fact.quote))) verified++;
    else issues.push({ ...fact.origin, id: fact.id, message: `quote: not found verbatim in the text of source "${fact.sourceId}"` });
    const copied = firstSharedRun(fact.claim, article.runs);
    if (copied) {
      issues.push({
        ...fact.origin,
        id: fact.id,
        message: `claim: copies ${COPIED_RUN_WORDS}+ consecutive words of the article ("${copied}\u2026"); state it in our own words`
      });
    }
  }
  return verified;
}
var words = (text) => text.toLowerCase().match(/[\p{L}\p{N}$%]+/gu) ?? [];
function wordRuns(text) {
  const w = words(text);
  const runs = /* @__PURE__ */ new Set();
  for (let i = 0; i + COPIED_RUN_WORDS <= w.length; i++) runs.add(w.slice(i, i + COPIED_RUN_WORDS).join(" "));
  return runs;
}
function firstSharedRun(claim, runs) {
  const w = words(normalizeForQuote(claim));
  for (let i = 0; i + COPIED_RUN_WORDS <= w.length; i++) {
    const run = w.slice(i, i + COPIED_RUN_WORDS).join(" ");
    if (runs.has(run)) return run;
  }
  return void 0;
}
export {
  COPIED_RUN_WORDS,
  checkKnowledge,
  normalizeForQuote,
  readTexts
};

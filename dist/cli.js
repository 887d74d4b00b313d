import {
  ANSI,
  CACHE_DIR,
  KNOWLEDGE_DIR,
  PLAIN,
  createAnswerer,
  loadKnowledgeCached,
  renderTerminal
} from "./chunk-AYGPCII7.js";
import "./chunk-2G7LUU62.js";
import {
  SinorussiaError,
  formatIssue
} from "./chunk-7DL6OGDQ.js";

// app/cli.ts
import { parseArgs } from "node:util";
import { resolve } from "node:path";

// src/answer/json.ts
function answerToJson(answer) {
  return {
    query: answer.query,
    matched: answer.matched,
    kind: answer.kind,
    title: answer.title,
    items: answer.items.map((item) => ({
      text: item.command ? `${item.command}: ${item.text}` : item.text,
      date: item.date,
      quote: item.evidence[0]?.quote,
      sources: item.sources,
      figure: item.figure && { ...item.figure, period: item.figure.period.raw },
      variants: item.variants?.map((v) => ({ text: v.text, date: v.date, quote: v.evidence[0]?.quote, sources: v.sources }))
    })),
    sources: answer.sources.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      author: s.authors.length > 0 ? s.authors.join(", ") : void 0,
      published: s.published,
      approximate: s.approximate
    }))
  };
}

// app/cli.ts
var USAGE = `usage: sinorussia <command>
  ask "<question>" [--json]   the facts that answer a question
  topics                      the topics
  sources                     the articles the facts come from
  timeline [topic]            facts in date order
  check [--texts DIR]         validate the knowledge base (and every quote against the article texts)
options: --knowledge DIR (default: the bundled knowledge/)`;
async function runCli(argv, out = process.stdout, err = process.stderr) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        texts: { type: "string" },
        knowledge: { type: "string" },
        help: { type: "boolean", short: "h", default: false }
      }
    });
  } catch (e) {
    err.write(`sinorussia: ${e.message}
${USAGE}
`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const dir = values.knowledge ? resolve(values.knowledge) : KNOWLEDGE_DIR;
  if (values.help || !command) {
    (command ? out : err).write(`${USAGE}
`);
    return command || values.help ? 0 : 2;
  }
  if (command === "check") {
    const { checkKnowledge } = await import("./check-J2XSLU6C.js");
    const report = checkKnowledge(dir, values.texts ? resolve(values.texts) : void 0);
    for (const issue of report.issues) err.write(`${formatIssue(issue)}
`);
    if (report.issues.length > 0) {
      err.write(`sinorussia check: ${report.issues.length} error(s)
`);
      return 1;
    }
    const quotes = values.texts ? `${report.quotesVerified} quotes verified against ${values.texts}` : "quotes not verified (no --texts)";
    out.write(`knowledge ok: ${report.sources} sources, ${report.facts} facts, ${quotes}
`);
    return 0;
  }
  const known = ["ask", "topics", "sources", "timeline", "help"];
  if (!known.includes(command)) {
    err.write(`sinorussia: unknown command "${command}"
${USAGE}
`);
    return 2;
  }
  if (command === "ask" && rest.join(" ").trim() === "") {
    err.write(`sinorussia: ask needs a question, e.g. sinorussia ask "gas deal"
`);
    return 2;
  }
  const answerer = createAnswerer(await loadKnowledgeCached(dir, CACHE_DIR));
  const text = command === "ask" ? `ask ${rest.join(" ")}` : [command, ...rest].join(" ");
  const answer = answerer.answer(text);
  if (values.json) out.write(`${JSON.stringify(answerToJson(answer))}
`);
  else out.write(`${renderTerminal(answer, out.isTTY ? ANSI : PLAIN)}
`);
  return 0;
}
async function main() {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof SinorussiaError)) throw e;
    process.stderr.write(`${e.message}
`);
    process.exitCode = 1;
  }
}
export {
  main,
  runCli
};

// src/errors.ts
var SinorussiaError = class extends Error {
  code;
  value;
  constructor(code, message, value, options) {
    super(`sinorussia: ${message}`, options);
    this.name = "SinorussiaError";
    this.code = code;
    this.value = value;
  }
};
function formatIssue(issue) {
  const where = `${issue.file}:${issue.line}`;
  return issue.id ? `${where} [${issue.id}] ${issue.message}` : `${where} ${issue.message}`;
}
var KnowledgeError = class extends SinorussiaError {
  issues;
  constructor(issues) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super("KNOWLEDGE_INVALID", `the knowledge base is invalid: ${first ? formatIssue(first) : "unknown issue"}${more}`, issues);
    this.name = "KnowledgeError";
    this.issues = issues;
  }
};

// src/knowledge/topics.ts
var TOPICS = {
  trade: "bilateral trade volumes, balance, what is traded, trading partners",
  energy: "oil, gas, LNG, coal, pipelines, nuclear power, energy deals",
  military: "arms sales, defence industry, joint exercises and patrols, weapons technology",
  diplomacy: "summits, visits, statements, support at the UN, joint positions against the US",
  finance: "currencies, payments, de-dollarisation, investment funds and investment",
  technology: "5G, telecoms, research and technology cooperation, technology supplies",
  ukraine: "the war in Ukraine, Crimea, Donbas, positions on the war",
  sanctions: "Western sanctions and how the partnership responds to them",
  tensions: "points of friction, imbalance, rivalry, mistrust",
  history: "the past: the Sino-Soviet split, normalisation, the Cold War",
  multilateral: "BRICS, the SCO, the UN Security Council, G7, NATO, Belt and Road",
  leaders: "Xi Jinping, Vladimir Putin and their personal relationship"
};
var TOPIC_NAMES = Object.keys(TOPICS);

export {
  TOPICS,
  TOPIC_NAMES,
  SinorussiaError,
  formatIssue,
  KnowledgeError
};

import {
  KnowledgeError,
  SinorussiaError,
  TOPIC_NAMES
} from "./chunk-7DL6OGDQ.js";

// src/knowledge/load.ts
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

// src/knowledge/periods.ts
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
var SINGLE = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])(?:-(\d{2}))?|H([12])|Q([1-4])))?$/;
var pad = (n) => String(n).padStart(2, "0");
var lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
function parseSingle(text2) {
  const m = SINGLE.exec(text2);
  if (!m) return void 0;
  const year = Number(m[1]);
  if (year < 1800 || year > 2200) return void 0;
  const [, , month, day, half, quarter] = m;
  if (half || quarter) {
    const first = half ? (Number(half) - 1) * 6 + 1 : (Number(quarter) - 1) * 3 + 1;
    const last = first + (half ? 5 : 2);
    return {
      start: `${year}-${pad(first)}-01`,
      end: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
      label: half ? `H${half} ${year}` : `Q${quarter} ${year}`
    };
  }
  if (month) {
    const mm = Number(month);
    if (day) {
      const dd = Number(day);
      if (dd < 1 || dd > lastDay(year, mm)) return void 0;
      return { start: text2, end: text2, label: `${dd} ${MONTHS[mm - 1]} ${year}` };
    }
    return { start: `${text2}-01`, end: `${text2}-${pad(lastDay(year, mm))}`, label: `${MONTHS[mm - 1]} ${year}` };
  }
  return { start: `${year}-01-01`, end: `${year}-12-31`, label: String(year) };
}
function parsePeriod(text2) {
  const parts = text2.split("/");
  if (parts.length > 2) return void 0;
  const first = parseSingle(parts[0]);
  if (!first) return void 0;
  if (parts.length === 1) return { raw: text2, ...first };
  const second = parseSingle(parts[1]);
  if (!second || second.end < first.start) return void 0;
  return { raw: text2, start: first.start, end: second.end, label: intervalLabel(first.label, second.label) };
}
function intervalLabel(a, b) {
  const [aHead, aYear] = splitYear(a);
  const [bHead, bYear] = splitYear(b);
  if (aYear === bYear && aHead && bHead) return `${aHead}\u2013${bHead} ${aYear}`;
  return `${a}\u2013${b}`;
}
function splitYear(label) {
  const i = label.lastIndexOf(" ");
  return i < 0 ? ["", label] : [label.slice(0, i), label.slice(i + 1)];
}
var PERIOD_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, YYYY-Q3, or START/END of those";

// src/knowledge/schema.ts
import { z } from "zod";
var periodText = z.preprocess(
  (v) => typeof v === "number" ? String(v) : v,
  z.string().refine((s) => parsePeriod(s) !== void 0, { message: `is not a date or period (${PERIOD_FORMS})` })
);
var dayText = z.preprocess(
  (v) => typeof v === "number" ? String(v) : v,
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD").refine((s) => parsePeriod(s) !== void 0, {
    message: "is not a valid date"
  })
);
var id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");
var text = (max) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
var SourceSchema = z.strictObject({
  id,
  title: text(300).optional(),
  label: text(300).optional(),
  publisher: text(200).optional(),
  authors: z.array(text(200)).optional(),
  published: dayText,
  published_approximate: z.boolean().optional(),
  published_basis: text(500).optional(),
  note: text(500).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits")
}).refine((s) => s.title || s.label, { message: "needs a title (as the article gives it) or a label (our description)" }).refine((s) => !s.published_approximate || s.published_basis, {
  message: "an approximate date needs published_basis (what it is inferred from)"
});
var SourcesFileSchema = z.strictObject({ sources: z.array(SourceSchema).min(1) });
var UNITS = ["billion", "million", "trillion", "percent", "count", "years"];
var BOUNDS = ["exact", "about", "more-than", "at-least", "less-than"];
var FigureSchema = z.strictObject({
  measure: id,
  value: z.number().finite(),
  unit: z.enum(UNITS),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD").optional(),
  bound: z.enum(BOUNDS).optional(),
  period: periodText.optional()
}).refine((f) => !(f.unit === "percent" && f.currency), { message: "a percent figure has no currency" });
var FactSchema = z.strictObject({
  id,
  claim: text(240),
  topics: z.array(z.enum(TOPIC_NAMES, { error: (i) => `unknown topic ${JSON.stringify(i.input)} (topics: ${TOPIC_NAMES.join(", ")})` })).min(1, "needs at least one topic"),
  about: periodText,
  quote: text(300),
  people: z.array(text(100)).optional(),
  places: z.array(text(100)).optional(),
  said_by: text(100).optional(),
  key: z.boolean().optional(),
  figure: FigureSchema.optional(),
  corroborates: z.array(id).optional(),
  conflicts_with: z.array(id).optional()
});
var FactsFileSchema = z.strictObject({ source: id, facts: z.array(z.unknown()).min(1) });
var MeasuresFileSchema = z.strictObject({ measures: z.record(id, text(300)) });
var term = z.string().trim().toLowerCase().min(1);
var SearchFileSchema = z.strictObject({
  /** Groups of interchangeable words or phrases: a query for one also finds the others. */
  synonyms: z.array(z.array(term).min(2)),
  /** Words that carry no meaning in a question to this bot ("tell", "latest"). */
  stopwords: z.array(term),
  /** Words present in most facts ("china"): they rank, but never make a match on their own. */
  generic: z.array(term)
});

// src/knowledge/yaml-file.ts
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isNode } from "yaml";
function reportZodIssues(file, error, at, issues, idAt = recordIdAt) {
  for (const issue of error.issues) {
    const p = [...at, ...issue.path];
    issues.push({ file: file.name, line: file.lineOf(p), id: idAt(file.raw, p), message: describe(p, issue.message) });
  }
}
function readYamlFile(path, name, schema, issues, idAt = () => void 0) {
  let text2;
  try {
    text2 = readFileSync(path, "utf8");
  } catch (err) {
    issues.push({ file: name, line: 1, message: `cannot be read: ${err.message}` });
    return { name, raw: void 0, lineOf: () => 1 };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text2, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const lineOf = (p) => locate(doc, lineCounter, p);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      issues.push({ file: name, line: e.linePos?.[0]?.line ?? 1, message: `YAML: ${e.message.split("\n")[0]}` });
    }
    return { name, raw: void 0, lineOf };
  }
  const raw = doc.toJS();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    reportZodIssues({ name, raw, lineOf }, parsed.error, [], issues, idAt);
    return { name, raw, lineOf };
  }
  return { name, value: parsed.data, raw, lineOf };
}
function describe(path, message) {
  const field = path.map((p, i) => typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`).join("").replace(/^(facts|sources)\[\d+\]\.?/, "");
  return field ? `${field}: ${message}` : message;
}
function locate(doc, counter, path) {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}
function recordIdAt(raw, path) {
  const [list, index] = path;
  if (typeof list !== "string" || typeof index !== "number") return void 0;
  const record = raw?.[list]?.[index];
  return typeof record?.id === "string" ? record.id : void 0;
}

// src/knowledge/load.ts
function readKnowledge(dir) {
  const issues = [];
  const rel = (p) => relative(process.cwd(), p) || p;
  const sourcesFile = readYamlFile(join(dir, "sources.yaml"), rel(join(dir, "sources.yaml")), SourcesFileSchema, issues, recordIdAt);
  const measuresFile = readYamlFile(join(dir, "measures.yaml"), rel(join(dir, "measures.yaml")), MeasuresFileSchema, issues);
  const searchFile = readYamlFile(join(dir, "search.yaml"), rel(join(dir, "search.yaml")), SearchFileSchema, issues);
  const sources = /* @__PURE__ */ new Map();
  sourcesFile.value?.sources.forEach((s, i) => {
    const line = sourcesFile.lineOf(["sources", i]);
    const seen = sources.get(s.id);
    if (seen) {
      issues.push({ file: sourcesFile.name, line, id: s.id, message: `duplicate source id (first at line ${seen.origin.line})` });
      return;
    }
    sources.set(s.id, {
      id: s.id,
      title: s.title,
      label: s.label,
      publisher: s.publisher,
      authors: s.authors ?? [],
      published: parsePeriod(s.published),
      approximate: s.published_approximate ?? false,
      basis: s.published_basis,
      note: s.note,
      sha256: s.sha256,
      origin: { file: sourcesFile.name, line }
    });
  });
  const measures = new Map(Object.entries(measuresFile.value?.measures ?? {}));
  const factsDir = join(dir, "facts");
  let factFiles = [];
  try {
    factFiles = readdirSync(factsDir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  } catch (err) {
    issues.push({ file: rel(factsDir), line: 1, message: `cannot be read: ${err.message}` });
  }
  if (factFiles.length === 0 && issues.length === 0) {
    issues.push({ file: rel(factsDir), line: 1, message: "holds no facts files (*.yaml)" });
  }
  const facts = [];
  const factById = /* @__PURE__ */ new Map();
  for (const f of factFiles) {
    const file = readYamlFile(join(factsDir, f), rel(join(factsDir, f)), FactsFileSchema, issues, recordIdAt);
    if (!file.value) continue;
    const sourceId = file.value.source;
    if (!sources.has(sourceId) && sourcesFile.value) {
      issues.push({ file: file.name, line: file.lineOf(["source"]), message: `source: unknown source id "${sourceId}" (not in sources.yaml)` });
    }
    file.value.facts.forEach((rawFact, i) => {
      const parsed = FactSchema.safeParse(rawFact);
      if (!parsed.success) {
        reportZodIssues(file, parsed.error, ["facts", i], issues);
        return;
      }
      const input = parsed.data;
      const origin = { file: file.name, line: file.lineOf(["facts", i]) };
      const seen = factById.get(input.id);
      if (seen) {
        issues.push({ ...origin, id: input.id, message: `duplicate fact id (first at ${seen.origin.file}:${seen.origin.line})` });
        return;
      }
      if (input.figure && measuresFile.value && !measures.has(input.figure.measure)) {
        issues.push({
          file: file.name,
          line: file.lineOf(["facts", i, "figure", "measure"]),
          id: input.id,
          message: `figure.measure: unknown measure "${input.figure.measure}" (add it to measures.yaml)`
        });
      }
      const fact = toFact(input, sourceId, origin);
      facts.push(fact);
      factById.set(fact.id, fact);
    });
  }
  for (const fact of facts) {
    for (const [field, ids] of [["corroborates", fact.corroborates], ["conflicts_with", fact.conflictsWith]]) {
      for (const other of ids) {
        if (other === fact.id) issues.push({ ...fact.origin, id: fact.id, message: `${field}: a fact cannot name itself` });
        else if (!factById.has(other)) issues.push({ ...fact.origin, id: fact.id, message: `${field}: unknown fact id "${other}"` });
      }
    }
  }
  if (issues.length > 0 || !searchFile.value) return { issues };
  const vocabulary = searchFile.value;
  return { knowledge: { sources, facts, factById, measures, vocabulary }, issues };
}
function loadKnowledge(dir) {
  const { knowledge, issues } = readKnowledge(dir);
  if (issues.length > 0) throw new KnowledgeError(issues);
  if (!knowledge) throw new SinorussiaError("KNOWLEDGE_UNREADABLE", `no knowledge could be read from ${dir}`, dir);
  return knowledge;
}
function toFact(input, sourceId, origin) {
  const about = parsePeriod(input.about);
  const figure = input.figure && {
    measure: input.figure.measure,
    value: input.figure.value,
    unit: input.figure.unit,
    currency: input.figure.currency,
    bound: input.figure.bound ?? "exact",
    period: input.figure.period ? parsePeriod(input.figure.period) : about
  };
  return {
    id: input.id,
    claim: input.claim,
    topics: input.topics,
    about,
    quote: input.quote,
    sourceId,
    people: input.people ?? [],
    places: input.places ?? [],
    saidBy: input.said_by,
    key: input.key ?? false,
    figure,
    corroborates: input.corroborates ?? [],
    conflictsWith: input.conflicts_with ?? [],
    origin
  };
}

export {
  readKnowledge,
  loadKnowledge
};

import {
  cleanInput
} from "./chunk-2G7LUU62.js";

// adapters/slack/app.ts
import { App, webApi } from "@slack/bolt";

// adapters/slack/bolt-logger.ts
import { LogLevel } from "@slack/bolt";
var text = (parts) => parts.map((p) => typeof p === "string" ? p : p instanceof Error ? p.message : JSON.stringify(p)).join(" ");
function boltLogger(logger, initial = LogLevel.INFO) {
  let level = initial;
  let name = "bolt";
  return {
    // Bolt's debug output is per request and verbose: kept only when asked for.
    debug: (...parts) => level === LogLevel.DEBUG ? logger.debug(text(parts), { source: name }) : void 0,
    info: (...parts) => logger.info(text(parts), { source: name }),
    warn: (...parts) => logger.warn(text(parts), { source: name }),
    error: (...parts) => logger.error(text(parts), { source: name }),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    }
  };
}

// adapters/slack/dedupe.ts
var DEDUPE_TTL_MS = 15 * 6e4;
function createEventDedupe(options = {}) {
  const ttl = options.ttlMs ?? DEDUPE_TTL_MS;
  const maxEntries = options.maxEntries ?? 1e5;
  const now = options.now ?? Date.now;
  const expiries = /* @__PURE__ */ new Map();
  const forgetExpired = (at) => {
    for (const [id, expiry] of expiries) {
      if (expiry > at && expiries.size <= maxEntries) break;
      expiries.delete(id);
    }
  };
  return {
    firstSeen(eventId) {
      const at = now();
      forgetExpired(at);
      if (expiries.has(eventId)) return false;
      expiries.set(eventId, at + ttl);
      forgetExpired(at);
      return true;
    },
    get size() {
      return expiries.size;
    }
  };
}

// adapters/slack/escape.ts
var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
var DECODES = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };
function escapeSlack(text2) {
  return text2.replace(/[&<>]/g, (c) => ESCAPES[c]);
}
function decodeSlack(text2) {
  return text2.replace(/&(?:amp|lt|gt);/g, (entity) => DECODES[entity]);
}
function cutAtWord(text2, max) {
  if (text2.length <= max) return text2;
  const room = text2.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  let cut = space > 0 ? room.slice(0, space) : room;
  const amp = cut.lastIndexOf("&");
  if (amp >= 0 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return `${cut.trimEnd()}\u2026`;
}

// adapters/slack/render.ts
var SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3e3,
  sectionFields: 10,
  fieldText: 2e3,
  contextElements: 10,
  headerText: 150,
  buttonValue: 2e3
};
var DEFAULT_MAX_ITEMS = 25;
var FALLBACK_TEXT = 1e3;
var SOURCE_TEXT = 300;
var SHARE_ACTION_ID = "share_answer";
var mrkdwn = (text2) => ({ type: "mrkdwn", text: text2 });
var context = (texts) => ({ type: "context", elements: texts.map(mrkdwn) });
var cites = (numbers) => numbers.map((n) => `[${n}]`).join("");
var code = (text2) => `\`${escapeSlack(text2).replace(/`/g, "'")}\``;
var USER_ID = /^[UW][A-Z0-9]{2,}$/;
function itemLine(item) {
  if (item.command) return `${code(item.command)}  ${escapeSlack(item.text)}`;
  const date = item.date ? `*${escapeSlack(item.date)}*  ` : "";
  const citations = item.citations.length > 0 ? `  ${cites(item.citations)}` : "";
  return `${date}${escapeSlack(item.text)}${citations}`;
}
function variantBlock(item) {
  const variants = item.variants ?? [];
  const date = item.date ? `*${escapeSlack(item.date)}*  ` : "";
  return {
    type: "section",
    text: { type: "mrkdwn", text: cutAtWord(`${date}Sources differ:`, SLACK_LIMITS.sectionText) },
    fields: variants.slice(0, SLACK_LIMITS.sectionFields).map((v) => {
      const when = v.date && v.date !== item.date ? `*${escapeSlack(v.date)}*  ` : "";
      return mrkdwn(cutAtWord(`${when}${escapeSlack(v.text)}  ${cites(v.citations)}`, SLACK_LIMITS.fieldText));
    })
  };
}
function sourceText(s) {
  const date = `${s.approximate ? "about " : ""}${s.published}`;
  const parts = [s.publisher, s.title, date].filter(Boolean).map((p) => escapeSlack(p));
  return cutAtWord(`[${s.citation}] ${parts.join(", ")}`, SOURCE_TEXT);
}
function contextBlocks(texts) {
  const blocks = [];
  for (let i = 0; i < texts.length; i += SLACK_LIMITS.contextElements) {
    blocks.push(context(texts.slice(i, i + SLACK_LIMITS.contextElements)));
  }
  return blocks;
}
function moreNote(hidden, answer) {
  const noun = hidden === 1 ? "item" : "items";
  const tries = answer.next.slice(0, 3).map(code);
  return `${hidden} more ${noun} not shown${tries.length > 0 ? `: try ${tries.join(" or ")}` : ""}.`;
}
function layOutItems(items, budget, maxItems) {
  const blocks = [];
  const shown = [];
  let pending = [];
  const flush = () => {
    if (pending.length > 0) blocks.push({ type: "section", text: { type: "mrkdwn", text: pending.join("\n") } });
    pending = [];
  };
  const used = () => blocks.length + (pending.length > 0 ? 1 : 0);
  for (const item of items) {
    if (shown.length >= maxItems) break;
    if (item.variants && item.variants.length > 0) {
      if (used() + 1 > budget) break;
      flush();
      blocks.push(variantBlock(item));
    } else {
      const line = cutAtWord(itemLine(item), SLACK_LIMITS.sectionText);
      const joined = pending.length > 0 ? pending.join("\n").length + 1 + line.length : line.length;
      const needsNewSection = pending.length === 0 || joined > SLACK_LIMITS.sectionText;
      if (needsNewSection && used() + 1 > budget) break;
      if (needsNewSection) flush();
      pending.push(line);
    }
    shown.push(item);
  }
  flush();
  return { blocks, shown };
}
function introLine(answer, sharedBy) {
  const parts = [];
  if (sharedBy && USER_ID.test(sharedBy)) parts.push(`Shared by <@${sharedBy}>`);
  const asked = answer.kind === "search" || answer.kind === "no-match";
  if (asked && answer.query) parts.push(`Question: ${escapeSlack(answer.query)}`);
  return parts.length > 0 ? cutAtWord(parts.join(" \xB7 "), SLACK_LIMITS.sectionText) : void 0;
}
function fallbackText(answer, shown, sharedBy) {
  const lines = [escapeSlack(answer.title)];
  if (sharedBy && USER_ID.test(sharedBy)) lines[0] += ` (shared by <@${sharedBy}>)`;
  if (answer.lead) lines.push(escapeSlack(answer.lead));
  let length = lines.join("\n").length;
  for (const item of shown) {
    const line = item.variants ? `${escapeSlack(item.date ?? "")} Sources differ.`.trim() : itemLine(item);
    if (length + 1 + line.length > FALLBACK_TEXT) break;
    lines.push(line);
    length += 1 + line.length;
  }
  return cutAtWord(lines.join("\n"), FALLBACK_TEXT);
}
function renderAnswer(answer, options = {}) {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const head = [
    { type: "header", text: { type: "plain_text", text: cutAtWord(escapeSlack(answer.title), SLACK_LIMITS.headerText) } }
  ];
  const intro = introLine(answer, options.sharedBy);
  if (intro) head.push(context([intro]));
  if (answer.lead) head.push(context([cutAtWord(escapeSlack(answer.lead), SLACK_LIMITS.sectionText)]));
  const listSources = answer.kind !== "sources";
  const sourceBlocksAtMost = listSources ? Math.ceil(answer.sources.length / SLACK_LIMITS.contextElements) : 0;
  const tail = (answer.next.length > 0 ? 1 : 0) + (options.shareCommand !== void 0 ? 1 : 0);
  const noteBlock = 1;
  const budget = SLACK_LIMITS.blocks - head.length - sourceBlocksAtMost - tail - noteBlock;
  const area = layOutItems(answer.items, budget, maxItems);
  const blocks = [...head, ...area.blocks];
  const hidden = answer.items.length - area.shown.length;
  if (hidden > 0) blocks.push(context([moreNote(hidden, answer)]));
  if (listSources) {
    const cited = new Set(area.shown.flatMap((i) => [...i.citations, ...(i.variants ?? []).flatMap((v) => v.citations)]));
    const sources = answer.sources.filter((s) => cited.has(s.citation));
    blocks.push(...contextBlocks(sources.map(sourceText)));
  }
  if (answer.next.length > 0) blocks.push(context([`Try: ${answer.next.slice(0, 5).map(code).join(" \xB7 ")}`]));
  if (options.shareCommand !== void 0) blocks.push(shareActions(options.shareCommand));
  return { text: fallbackText(answer, area.shown, options.sharedBy), blocks };
}
function shareValue(command) {
  const escaped = escapeSlack(command || "help");
  if (escaped.length <= SLACK_LIMITS.buttonValue) return escaped;
  const cut = escaped.slice(0, SLACK_LIMITS.buttonValue);
  const amp = cut.lastIndexOf("&");
  return amp >= 0 && !cut.slice(amp).includes(";") ? cut.slice(0, amp) : cut;
}
function shareActions(command) {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: SHARE_ACTION_ID,
        text: { type: "plain_text", text: "Share to channel" },
        value: shareValue(command)
      }
    ]
  };
}
var APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment.";

// adapters/slack/handlers.ts
var SLASH_COMMAND = "/sinorussia";
function responder(deps, responseUrl, boltRespond) {
  const post = deps.postResponse;
  return post ? (message) => post(responseUrl, message) : boltRespond;
}
function commandText(slackText) {
  return cleanInput(decodeSlack(typeof slackText === "string" ? slackText : ""));
}
function answerMessage(deps, text2, options) {
  return renderAnswer(deps.answerer.answer(text2), options);
}
var QUIET = { unfurl_links: false, unfurl_media: false };
function isFirstDelivery(deps, eventId, retryNum) {
  if (retryNum !== void 0 && retryNum > 0) {
    deps.logger.info("slack: skipped a retried event", { eventId, retryNum });
    return false;
  }
  if (typeof eventId === "string" && !deps.dedupe.firstSeen(eventId)) {
    deps.logger.info("slack: skipped a repeated event", { eventId });
    return false;
  }
  return true;
}
function onSlashCommand(deps) {
  return async ({ command, ack, respond: boltRespond }) => {
    await ack();
    const respond = responder(deps, command.response_url, boltRespond);
    const text2 = commandText(command.text);
    try {
      const message = answerMessage(deps, text2, { shareCommand: text2 });
      await respond({ response_type: "ephemeral", ...message });
    } catch (error) {
      deps.logger.error("slack: slash command failed", { error, user: command.user_id, channel: command.channel_id });
      await respond({ response_type: "ephemeral", text: APOLOGY }).catch(
        (apologyError) => deps.logger.error("slack: could not apologise", { error: apologyError, user: command.user_id })
      );
    }
  };
}
var CANNOT_POST = /* @__PURE__ */ new Set(["not_in_channel", "channel_not_found", "is_archived"]);
function slackErrorCode(error) {
  const data = error?.data;
  return typeof data?.error === "string" ? data.error : void 0;
}
function onShare(deps) {
  return async ({ ack, body, action, client, respond: boltRespond }) => {
    await ack();
    const respond = responder(deps, body.response_url, boltRespond);
    const user = body.user.id;
    const channel = body.channel?.id;
    try {
      if (!channel) throw new Error("share clicked outside a conversation (no channel in the payload)");
      const message = answerMessage(deps, commandText(action.value), { sharedBy: user });
      await client.chat.postMessage({ channel, ...message, ...QUIET });
      await respond({ delete_original: true });
    } catch (error) {
      const code2 = slackErrorCode(error);
      deps.logger.error("slack: share failed", { error, slackError: code2, user, channel });
      const text2 = code2 && CANNOT_POST.has(code2) ? "I cannot post in this conversation. Invite me with `/invite @sinorussia`, then share again." : APOLOGY;
      await respond({ response_type: "ephemeral", replace_original: false, text: text2 }).catch(
        (apologyError) => deps.logger.error("slack: could not apologise", { error: apologyError, user })
      );
    }
  };
}
async function answerInConversation(deps, client, where, slackText) {
  const target = { channel: where.channel, ...where.thread_ts ? { thread_ts: where.thread_ts } : {} };
  try {
    const message = answerMessage(deps, commandText(slackText), {});
    await client.chat.postMessage({ ...target, ...message, ...QUIET });
  } catch (error) {
    deps.logger.error(`slack: ${where.handler} failed`, { error, slackError: slackErrorCode(error), ...where });
    await client.chat.postMessage({ ...target, text: APOLOGY }).catch(
      (apologyError) => deps.logger.error("slack: could not apologise", { error: apologyError, ...where })
    );
  }
}
function onAppMention(deps) {
  return async ({ event, body, context: context2, client }) => {
    if (!isFirstDelivery(deps, body.event_id, context2.retryNum)) return;
    if (event.bot_id) return;
    const thread_ts = event.thread_ts ?? event.ts;
    await answerInConversation(deps, client, { channel: event.channel, thread_ts, user: event.user, handler: "mention" }, event.text);
  };
}
function onDirectMessage(deps) {
  return async ({ event, body, context: context2, client }) => {
    if (event.channel_type !== "im" || event.subtype !== void 0 || "bot_id" in event && event.bot_id) return;
    if (!isFirstDelivery(deps, body.event_id, context2.retryNum)) return;
    await answerInConversation(deps, client, { channel: event.channel, thread_ts: event.thread_ts, user: event.user, handler: "direct message" }, event.text);
  };
}
function unknownRequest(body) {
  const b = body;
  if (typeof b.command === "string") return b.command === SLASH_COMMAND ? void 0 : `command ${b.command}`;
  if (b.type === "event_callback") {
    const type = b.event?.type;
    return type === "app_mention" || type === "message" ? void 0 : `event ${String(type)}`;
  }
  if (b.type === "block_actions") {
    const actions = Array.isArray(b.actions) ? b.actions : [];
    const unknown = actions.find((a) => a.action_id !== SHARE_ACTION_ID);
    return unknown ? `action ${String(unknown.action_id)}` : void 0;
  }
  return `interaction ${String(b.type)}`;
}
function dropUnknownRequests(logger) {
  return async (args) => {
    const reason = unknownRequest(args.body);
    if (reason === void 0) return args.next();
    logger.warn("slack: dropped an unknown request", { reason });
    if ("ack" in args && typeof args.ack === "function") await args.ack();
  };
}

// adapters/slack/response-url.ts
import http from "node:http";
import https from "node:https";
var agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 })
};
var ResponseUrlError = class extends Error {
  constructor(status, url, options) {
    super(`posting to the response_url failed${status === void 0 ? "" : ` with HTTP ${status}`}`, options);
    this.status = status;
    this.url = url;
    this.name = "ResponseUrlError";
  }
  status;
  url;
  code = "RESPONSE_URL_FAILED";
};
var postResponse = (responseUrl, message) => new Promise((resolve, reject) => {
  const url = new URL(responseUrl);
  const agent = agents[url.protocol];
  if (!agent) return reject(new ResponseUrlError(void 0, responseUrl, { cause: new Error(`unsupported protocol ${url.protocol}`) }));
  const body = JSON.stringify(message);
  const request = (url.protocol === "https:" ? https : http).request(
    url,
    { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
    (response) => {
      response.resume();
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new ResponseUrlError(status, responseUrl));
      });
    }
  );
  request.setTimeout(1e4, () => request.destroy(new Error("response_url timed out after 10 s")));
  request.on("error", (error) => reject(new ResponseUrlError(void 0, responseUrl, { cause: error })));
  request.end(body);
});

// adapters/slack/app.ts
var HEALTH_PATH = "/healthz";
var healthRoute = {
  path: HEALTH_PATH,
  method: ["GET"],
  handler: (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  }
};
function buildSlackApp(config, deps) {
  const app = new App({
    token: config.botToken,
    // auth.test runs in init(), where a bad token fails start-up instead of a background retry.
    deferInitialization: true,
    logger: boltLogger(deps.logger),
    convoStore: false,
    clientOptions: {
      slackApiUrl: config.apiUrl,
      retryConfig: config.webApiRetries === void 0 ? webApi.retryPolicies.fiveRetriesInFiveMinutes : { retries: config.webApiRetries }
    },
    ...config.mode === "socket" ? { socketMode: true, appToken: config.appToken } : { signingSecret: config.signingSecret, customRoutes: [healthRoute], port: config.port }
  });
  app.use(dropUnknownRequests(deps.logger));
  app.command(SLASH_COMMAND, onSlashCommand(deps));
  app.action(SHARE_ACTION_ID, onShare(deps));
  app.event("app_mention", onAppMention(deps));
  app.event("message", onDirectMessage(deps));
  app.error(async (error) => {
    deps.logger.error("slack: unhandled error in Bolt", { error, cause: error.original ?? error });
  });
  return app;
}
async function startSlack(config, deps) {
  const handlerDeps = { answerer: deps.answerer, logger: deps.logger, dedupe: deps.dedupe ?? createEventDedupe(), postResponse };
  const app = buildSlackApp(config, handlerDeps);
  await app.init();
  const started = await app.start(...config.mode === "http" ? [config.port] : []);
  const port = config.mode === "http" ? started.address().port : void 0;
  deps.logger.info("slack: started", { mode: config.mode, ...port === void 0 ? {} : { port } });
  return {
    port,
    stop: async () => {
      await app.stop();
      deps.logger.info("slack: stopped", { mode: config.mode });
    }
  };
}
export {
  HEALTH_PATH,
  buildSlackApp,
  startSlack
};

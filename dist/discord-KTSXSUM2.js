import {
  ConfigError,
  readDiscordConfig
} from "./chunk-IWPXLQCI.js";
import {
  TOPICS,
  TOPIC_NAMES
} from "./chunk-7DL6OGDQ.js";

// adapters/discord/index.ts
import { Events } from "discord.js";

// adapters/discord/client.ts
import { workerData } from "node:worker_threads";
import { Client, GatewayIntentBits, Partials } from "discord.js";
var shardingEnv = () => workerData ?? process.env;
function createDiscordClient(config) {
  const managed = "SHARDS" in shardingEnv();
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached, so without this partial DMs would never arrive.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...managed ? {} : { shards: "auto" },
    rest: config.apiUrl ? { api: config.apiUrl } : {}
  });
}

// adapters/discord/handlers.ts
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  MessageFlags,
  ThreadAutoArchiveDuration,
  userMention
} from "discord.js";

// adapters/discord/commands/sinorussia.ts
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from "discord.js";
var COMMAND_NAME = "sinorussia";
var describe = (text) => text.length <= 100 ? text : `${text.slice(0, 99)}\u2026`;
function buildCommand() {
  const command = new SlashCommandBuilder().setName(COMMAND_NAME).setDescription("Sourced answers on China\u2013Russia relations").setIntegrationTypes(ApplicationIntegrationType.GuildInstall).setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  command.addSubcommand(
    (sub) => sub.setName("ask").setDescription("Ask a question; the answer cites its sources").addStringOption(
      (o) => o.setName("question").setDescription("Your question, or a topic").setRequired(true).setMaxLength(500).setAutocomplete(true)
    )
  );
  for (const topic of TOPIC_NAMES) {
    command.addSubcommand((sub) => sub.setName(topic).setDescription(describe(`Summary: ${TOPICS[topic]}`)));
  }
  command.addSubcommand(
    (sub) => sub.setName("timeline").setDescription("Every fact, or every fact of one topic, oldest first").addStringOption(
      (o) => o.setName("topic").setDescription("Only this topic").setRequired(false).addChoices(...TOPIC_NAMES.map((t) => ({ name: t, value: t })))
    )
  );
  command.addSubcommand((sub) => sub.setName("topics").setDescription("The topics, with what each covers"));
  command.addSubcommand((sub) => sub.setName("sources").setDescription("The articles the facts come from"));
  command.addSubcommand((sub) => sub.setName("help").setDescription("What the bot can do"));
  return command;
}
var data = buildCommand();
function toCommandText(interaction) {
  const sub = interaction.options.getSubcommand(false) ?? "help";
  if (sub === "ask") return `ask ${interaction.options.getString("question") ?? ""}`.trim();
  if (sub === "timeline") return `timeline ${interaction.options.getString("topic") ?? ""}`.trim();
  return sub;
}
function slashFor(command) {
  const [first = "", ...rest] = command.trim().split(/\s+/);
  const args = rest.join(" ");
  if (first === "<topic>") return `/${COMMAND_NAME} <topic>`;
  if (first === "timeline") {
    if (!args) return `/${COMMAND_NAME} timeline`;
    return args.startsWith("[") ? `/${COMMAND_NAME} timeline [topic]` : `/${COMMAND_NAME} timeline topic:${args}`;
  }
  if (["help", "topics", "sources"].includes(first) || TOPIC_NAMES.includes(first)) {
    return `/${COMMAND_NAME} ${first}`;
  }
  const question = first === "ask" ? args : command.trim();
  return `/${COMMAND_NAME} ask question:${question}`;
}

// adapters/discord/render.ts
import { escapeMarkdown } from "discord.js";
var LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6e3,
  content: 2e3
};
var SOURCES_RESERVE = 1500;
var FOOTER_MAX = 300;
var ITEM_MAX = 1500;
var LEAD_MAX = 600;
var NOTE_MAX = 120;
var EMBED_COLOUR = 13111342;
function fit(text, max) {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\\+$/, "")}\u2026`;
}
var escape = (text) => escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
var cites = (numbers) => numbers.map((n) => `[${n}]`).join("");
var dated = (date) => date ? `\`${date.replace(/`/g, "'")}\` ` : "";
function itemBlock(item, index) {
  if (item.command) return fit(`\`${slashFor(item.command).replace(/`/g, "'")}\` \u2014 ${escape(item.text)}`, ITEM_MAX);
  const number = `**${index + 1}.** ${dated(item.date)}`;
  if (item.variants && item.variants.length > 0) {
    const sides = item.variants.map((v) => `> ${v.date && v.date !== item.date ? dated(v.date) : ""}${escape(v.text)} ${cites(v.citations)}`);
    return fit([`${number}Sources differ:`, ...sides].join("\n"), ITEM_MAX);
  }
  return fit(`${number}${escape(item.text)} ${cites(item.citations)}`.trimEnd(), ITEM_MAX);
}
function sourceLine(source) {
  const by = [source.publisher, source.authors.join(", ")].filter(Boolean).join(", ");
  const date = `${source.approximate ? "about " : ""}${source.published}`;
  return fit(`**[${source.citation}]** ${escape(source.title)}${by ? ` (${escape(by)})` : ""}, ${escape(date)}`, LIMITS.fieldValue);
}
function pack(head, blocks, budget, note) {
  let text = head;
  let kept = 0;
  for (const block of blocks) {
    const next = text ? `${text}
${block}` : block;
    const isLast = kept === blocks.length - 1;
    if (next.length + (isLast ? 0 : NOTE_MAX + 1) > budget) break;
    text = next;
    kept += 1;
  }
  if (kept < blocks.length) text = `${text}${text ? "\n" : ""}${fit(note(blocks.length - kept), NOTE_MAX)}`;
  return { text, kept };
}
var FIELD_NAME_MAX = "Sources (continued)".length;
function sourceFields(lines, budget) {
  const values = [];
  let used = 0;
  let added = 0;
  for (const line of lines) {
    const last = values.length - 1;
    const joinsLast = last >= 0 && values[last].length + 1 + line.length <= LIMITS.fieldValue;
    const cost = joinsLast ? line.length + 1 : FIELD_NAME_MAX + line.length;
    const more = lines.length - added - 1 > 0;
    const reserve = more ? FIELD_NAME_MAX + NOTE_MAX : 0;
    const fieldCount = values.length + (joinsLast ? 0 : 1) + (more ? 1 : 0);
    if (used + cost + reserve > budget || fieldCount > LIMITS.fields) break;
    if (joinsLast) values[last] += `
${line}`;
    else values.push(line);
    used += cost;
    added += 1;
  }
  if (added < lines.length) {
    const note = fit(`\u2026 and ${lines.length - added} more: /sinorussia sources`, NOTE_MAX);
    const last = values.length - 1;
    if (last >= 0 && values[last].length + 1 + note.length <= LIMITS.fieldValue) values[last] += `
${note}`;
    else values.push(note);
  }
  return values.map((value, i) => ({ name: i === 0 ? "Sources" : "Sources (continued)", value }));
}
function citedBy(items) {
  const cited = /* @__PURE__ */ new Set();
  for (const item of items) {
    item.citations.forEach((n) => cited.add(n));
    item.variants?.forEach((v) => v.citations.forEach((n) => cited.add(n)));
  }
  return cited;
}
function renderEmbed(answer) {
  const title = fit(escape(answer.title) || "sinorussia", LIMITS.title);
  const footer = answer.next.length > 0 ? fit(`Try: ${answer.next.map(slashFor).join(" \xB7 ")}`, FOOTER_MAX) : "";
  const showSources = answer.kind !== "sources" && answer.sources.length > 0;
  const budget = Math.min(LIMITS.description, LIMITS.embedTotal - title.length - footer.length - (showSources ? SOURCES_RESERVE : 0));
  const lead = answer.lead ? fit(escape(answer.lead), LEAD_MAX) : "";
  const blocks = answer.items.map(itemBlock);
  const noun = answer.kind === "help" || answer.kind === "topics" || answer.kind === "no-match" ? "lines" : "items";
  const { text, kept } = pack(lead, blocks, budget, (left) => `*\u2026 ${left} more ${noun} left out to fit Discord's limits.*`);
  const embed = { title, color: EMBED_COLOUR };
  if (text) embed.description = text;
  if (showSources) {
    const cited = citedBy(answer.items.slice(0, kept));
    const lines = answer.sources.filter((s) => cited.has(s.citation)).map(sourceLine);
    const fields = sourceFields(lines, LIMITS.embedTotal - title.length - footer.length - text.length);
    if (fields.length > 0) embed.fields = fields;
  }
  if (footer) embed.footer = { text: footer };
  return embed;
}

// adapters/discord/share.ts
import { randomBytes } from "node:crypto";
var CUSTOM_ID_MAX = 100;
var TEXT_PREFIX = "share:";
var KEY_PREFIX = "sharekey:";
function isShareId(customId) {
  return customId.startsWith(TEXT_PREFIX) || customId.startsWith(KEY_PREFIX);
}
function createShareStore(options = {}) {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1e3;
  const maxEntries = options.maxEntries ?? 1e3;
  const now = options.now ?? Date.now;
  const entries = /* @__PURE__ */ new Map();
  const prune = () => {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expires > time && entries.size <= maxEntries) break;
      entries.delete(key);
    }
  };
  return {
    customIdFor(commandText) {
      const inline = `${TEXT_PREFIX}${commandText}`;
      if (inline.length <= CUSTOM_ID_MAX) return inline;
      const key = randomBytes(9).toString("base64url");
      entries.set(key, { text: commandText, expires: now() + ttlMs });
      prune();
      return `${KEY_PREFIX}${key}`;
    },
    commandTextOf(customId) {
      if (customId.startsWith(TEXT_PREFIX)) return customId.slice(TEXT_PREFIX.length);
      if (!customId.startsWith(KEY_PREFIX)) return void 0;
      prune();
      return entries.get(customId.slice(KEY_PREFIX.length))?.text;
    },
    get size() {
      return entries.size;
    }
  };
}

// adapters/discord/suggest.ts
var MAX_CHOICES = 25;
var CHOICE_MAX = 100;
var cut = (text) => text.length <= CHOICE_MAX ? text : `${text.slice(0, CHOICE_MAX - 1)}\u2026`;
function suggest(answerer, partial, limit = MAX_CHOICES) {
  const typed = partial.trim().toLowerCase();
  const max = Math.min(limit, MAX_CHOICES);
  const choices = TOPIC_NAMES.filter((t) => t.startsWith(typed)).map((t) => ({ name: cut(`${t}: ${TOPICS[t]}`), value: t }));
  if (typed.length >= 2 && choices.length < max) {
    const { hits } = answerer.context.engine.search(partial.slice(0, 200), { limit: max });
    for (const { fact } of hits) choices.push({ name: cut(fact.claim), value: cut(fact.claim) });
  }
  const seen = /* @__PURE__ */ new Set();
  return choices.filter((c) => c.value.trim() && !seen.has(c.value) && seen.add(c.value)).slice(0, max);
}

// adapters/discord/handlers.ts
var NO_MENTIONS = { parse: [], repliedUser: false };
var APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment.";
var EXPIRED = "This answer can no longer be shared; ask again to share it.";
var THREAD_NAME_MAX = 100;
function shareRow(customId) {
  const button = new ButtonBuilder().setCustomId(customId).setLabel("Share").setStyle(ButtonStyle.Secondary);
  return new ActionRowBuilder().addComponents(button);
}
async function answerCommand(interaction, deps) {
  const text = toCommandText(interaction);
  const answer = deps.answerer.answer(text);
  await interaction.reply({
    embeds: [renderEmbed(answer)],
    components: [shareRow(deps.shares.customIdFor(text))],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS
  });
}
async function share(interaction, deps) {
  const text = deps.shares.commandTextOf(interaction.customId);
  if (text === void 0) {
    await interaction.reply({ content: EXPIRED, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const answer = deps.answerer.answer(text);
  await interaction.reply({
    content: `Shared by ${userMention(interaction.user.id)}`,
    embeds: [renderEmbed(answer)],
    allowedMentions: NO_MENTIONS
  });
}
async function autocomplete(interaction, deps) {
  const focused = interaction.options.getFocused(true);
  const choices = focused.name === "question" ? suggest(deps.answerer, String(focused.value)) : [];
  await interaction.respond(choices);
}
async function apologise(interaction, logger) {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      const apology = { content: APOLOGY, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
      if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
      else await interaction.reply(apology);
    }
  } catch (error) {
    logger.error("discord: could not apologise", { error, interactionId: interaction.id });
  }
}
async function handleInteraction(interaction, deps) {
  try {
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) await autocomplete(interaction, deps);
    else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) await answerCommand(interaction, deps);
    else if (interaction.isButton() && isShareId(interaction.customId)) await share(interaction, deps);
  } catch (error) {
    deps.logger.error("discord: interaction failed", {
      error,
      interactionId: interaction.id,
      type: interaction.type,
      userId: interaction.user.id
    });
    await apologise(interaction, deps.logger);
  }
}
function threadName(answer) {
  return fit(answer.query || answer.title || COMMAND_NAME, THREAD_NAME_MAX);
}
async function sendAnswer(message, answer, logger) {
  const payload = { embeds: [renderEmbed(answer)], allowedMentions: NO_MENTIONS };
  const channel = message.channel;
  const canStartThread = !channel.isThread() && (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement);
  if (message.inGuild() && canStartThread) {
    try {
      const thread = message.thread ?? await message.startThread({ name: threadName(answer), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
      await thread.send(payload);
      return;
    } catch (error) {
      logger.warn("discord: could not answer in a thread; replying in the channel", { error, messageId: message.id });
    }
  }
  await message.reply(payload);
}
async function handleMessage(message, deps) {
  if (message.author.bot || message.webhookId || message.system) return;
  const me = message.client.user;
  if (message.inGuild() && !message.mentions.users.has(me.id)) return;
  try {
    await sendAnswer(message, deps.answerer.answer(message.content), deps.logger);
  } catch (error) {
    deps.logger.error("discord: message failed", { error, messageId: message.id, channelId: message.channelId, userId: message.author.id });
    try {
      await message.reply({ content: APOLOGY, allowedMentions: NO_MENTIONS });
    } catch (apologyError) {
      deps.logger.error("discord: could not apologise", { error: apologyError, messageId: message.id });
    }
  }
}

// adapters/discord/index.ts
var isTokenRefused = (error) => error?.code === "TokenInvalid" || error?.status === 401;
async function startDiscord(config, deps) {
  const { logger } = deps;
  const client = createDiscordClient(config);
  const shares = createShareStore();
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, { ...deps, shares }));
  client.on(Events.MessageCreate, (message) => void handleMessage(message, deps));
  client.on(Events.Error, (error) => logger.error("discord: client error", { error }));
  client.on(Events.Warn, (message) => logger.warn("discord: warning", { message }));
  client.on(Events.ShardError, (error, shardId) => logger.warn("discord: shard error", { error, shardId }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn("discord: shard disconnected", { code: event.code, shardId }));
  client.rest.on("rateLimited", (info) => logger.warn("discord: rate limited", { route: info.route, retryAfter: info.retryAfter }));
  const ready = new Promise((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    if (isTokenRefused(error)) throw new ConfigError("DISCORD_TOKEN", "was refused by Discord (401): check the token on the Bot page");
    throw error;
  }
  logger.info("discord: ready", { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size });
  return {
    async stop() {
      await client.destroy();
      logger.info("discord: stopped");
    }
  };
}
export {
  readDiscordConfig,
  startDiscord
};

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
  ConfigError,
  readDiscordConfig
} from "./chunk-IWPXLQCI.js";
import {
  SinorussiaError
} from "./chunk-7DL6OGDQ.js";

// app/main.ts
import { config as loadDotenv } from "dotenv";

// adapters/console/repl.ts
import { createInterface } from "node:readline";
var CONSOLE_BANNER = 'No Slack or Discord credentials found (SLACK_BOT_TOKEN, DISCORD_TOKEN): this is the local console. To connect a workspace, see "Connect Slack" and "Connect Discord" in README.md.';
function startConsole({ answerer, logger, input, output, banner }) {
  const style = output.isTTY ? ANSI : PLAIN;
  output.write(`${banner}
Type /sinorussia help, a topic such as trade, or a question. Ctrl-D to quit.
`);
  const rl = createInterface({ input, output, prompt: "sinorussia> ", terminal: Boolean(output.isTTY) });
  rl.prompt();
  rl.on("line", (line) => {
    if (line.trim() !== "") {
      try {
        output.write(`${renderTerminal(answerer.answer(line), style)}

`);
      } catch (err) {
        logger.error("console answer failed", { err, input: line.slice(0, 200) });
        output.write("Sorry, something went wrong answering that. It has been logged.\n\n");
      }
    }
    rl.prompt();
  });
  rl.on("SIGINT", () => rl.close());
  return new Promise((resolve) => {
    rl.on("close", () => {
      output.write("\nBye.\n");
      resolve();
    });
  });
}

// src/log.ts
var ORDER = { debug: 10, info: 20, warn: 30, error: 40 };
function serialise(value) {
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const code = value.code;
    return { name, message, ...code === void 0 ? {} : { code }, stack, ...value.cause ? { cause: serialise(value.cause) } : {} };
  }
  return value;
}
function createLogger(options = {}) {
  const min = ORDER[options.level ?? "info"];
  const write = options.write ?? ((line) => process.stderr.write(`${line}
`));
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const log = (level) => (message, fields = {}) => {
    if (ORDER[level] < min) return;
    const entry = { time: now().toISOString(), level, msg: message };
    for (const [k, v] of Object.entries(fields)) entry[k] = serialise(v);
    write(JSON.stringify(entry));
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

// adapters/slack/config.ts
var DEFAULT_PORT = 3e3;
var SLACK_VARIABLES = ["SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"];
function read(env, name) {
  const value = env[name]?.trim();
  return value ? value : void 0;
}
function hint(secret) {
  return `"${secret.slice(0, 5)}\u2026"`;
}
function token(env, name, prefix, kind) {
  const value = read(env, name);
  if (value === void 0) return void 0;
  if (!value.startsWith(prefix) || /\s/.test(value)) {
    throw new ConfigError(name, `must be ${kind} starting with ${prefix} (got ${hint(value)})`);
  }
  return value;
}
function port(env) {
  const raw = read(env, "PORT");
  if (raw === void 0) return DEFAULT_PORT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) throw new ConfigError("PORT", `must be a whole number from 0 to 65535 (got "${raw}")`);
  return value;
}
function apiUrl(env) {
  const raw = read(env, "SLACK_API_URL");
  if (raw === void 0) return void 0;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("SLACK_API_URL", `must be an http(s) URL such as https://slack.com/api/ (got "${raw}")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError("SLACK_API_URL", `must be an http(s) URL such as https://slack.com/api/ (got "${raw}")`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}
function readSlackConfig(env) {
  const botToken = token(env, "SLACK_BOT_TOKEN", "xoxb-", "a bot token");
  if (botToken === void 0) {
    const stray = SLACK_VARIABLES.find((name) => read(env, name) !== void 0);
    if (stray) throw new ConfigError("SLACK_BOT_TOKEN", `is missing but ${stray} is set (Slack needs the bot token too)`);
    return void 0;
  }
  const common = { botToken, apiUrl: apiUrl(env) };
  const appToken = token(env, "SLACK_APP_TOKEN", "xapp-", "an app-level token");
  if (appToken !== void 0) return { ...common, mode: "socket", appToken };
  const signingSecret = read(env, "SLACK_SIGNING_SECRET");
  if (signingSecret === void 0) {
    throw new ConfigError("SLACK_SIGNING_SECRET", "is missing: HTTP mode (no SLACK_APP_TOKEN) verifies requests with it");
  }
  return { ...common, mode: "http", signingSecret, port: port(env) };
}

// app/platforms.ts
function configuredPlatforms(env) {
  const platforms = [];
  const slack = readSlackConfig(env);
  if (slack) {
    platforms.push({ name: "slack", start: async (deps) => (await import("./app-4W4X2WDN.js")).startSlack(slack, deps) });
  }
  const discord = readDiscordConfig(env);
  if (discord) {
    platforms.push({ name: "discord", start: async (deps) => (await import("./discord-KTSXSUM2.js")).startDiscord(discord, deps) });
  }
  return platforms;
}

// app/main.ts
async function main() {
  loadDotenv({ quiet: true });
  const env = { ...process.env };
  const logger = createLogger({ level: env.LOG_LEVEL ?? "info" });
  try {
    const platforms = configuredPlatforms(env);
    const answerer = createAnswerer(await loadKnowledgeCached(KNOWLEDGE_DIR, CACHE_DIR));
    if (platforms.length === 0) {
      await startConsole({ answerer, logger, input: process.stdin, output: process.stdout, banner: CONSOLE_BANNER });
      return;
    }
    const running = await Promise.all(platforms.map((p) => p.start({ answerer, logger })));
    logger.info("started", { platforms: platforms.map((p) => p.name) });
    const stop = async (signal) => {
      logger.info("stopping", { signal });
      await Promise.allSettled(running.map((r) => r.stop()));
      process.exit(0);
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
  } catch (err) {
    if (!(err instanceof SinorussiaError)) throw err;
    process.stderr.write(`${err.message}
`);
    process.exitCode = 1;
  }
}
export {
  main
};

import {
  ANSI,
  CACHE_DIR,
  KNOWLEDGE_DIR,
  PLAIN,
  createAnswerer,
  loadKnowledgeCached,
  renderTerminal
} from "./chunk-2D6FCL5D.js";
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

// app/platforms.ts
async function configuredPlatforms(_env) {
  return [];
}

// app/main.ts
async function main() {
  loadDotenv({ quiet: true });
  const env = { ...process.env };
  const logger = createLogger({ level: env.LOG_LEVEL ?? "info" });
  try {
    const platforms = await configuredPlatforms(env);
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

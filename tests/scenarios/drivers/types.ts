/**
 * What a scenario sees of a platform: requests a person makes, and what the bot sent back,
 * read off the loopback fake and put in one shape. Each platform has one driver; the
 * scenarios are written once against this interface.
 */
import type { FakeClock, Instance } from './instance.ts';

/** `/sinorussia …` as a person types it; Slack sends it as text, Discord as typed options. */
export type SlashCommand =
  | { topic: string }
  | { ask: string }
  | { verify: string }
  | { digest: 'subscribe' | 'unsubscribe' | 'status' | 'preview'; time?: string; zone?: string; topics?: string };

/** One thing the bot sent to the platform and the platform accepted. */
export interface Sent {
  /** `ephemeral`: only the asker sees it; `message`: a post in the conversation; `removal`: a private copy deleted. */
  kind: 'ephemeral' | 'message' | 'removal';
  /** The conversation it went to (a thread's parent channel for a thread). */
  channel: string;
  /** The thread it went to, if any. */
  thread?: string;
  /** The answer's title (Slack header block, Discord embed title). */
  title?: string;
  /** Every visible text of it, joined. */
  text: string;
  /** What pressing its Share button sends back; undefined when it has none. */
  share?: string;
  /** What in it would notify someone, as the platform would read it. */
  pings: string[];
}

/** One request a person made, and everything the bot sent because of it. */
export interface Asked {
  /** The asker's id, and how the platform writes a mention of them. */
  user: string;
  userMention: string;
  /** Where it was asked; for a message, its id (what a thread started on it is keyed by). */
  channel: string;
  messageId?: string;
  /** The thread the question was asked in, if any. */
  thread?: string;
  sent: Sent[];
}

export interface PlatformDriver {
  readonly name: string;
  /** The server channel where commands and mentions are asked and digests posted. */
  readonly channel: string;
  /**
   * Whether a reply to a message can be private: Slack's can (ephemeral, seen by the asker
   * only); Discord's cannot, so a `digest …` asked in a mention is answered in the thread
   * (the README's "The daily digest" says so).
   */
  readonly privateReplies: boolean;
  /** Everything that would ping a crowd or a person, in this platform's own markup. */
  readonly pingMarkup: string;
  /**
   * The bot as `npm start` runs it, against this platform's fake; its digest on `clock`, its
   * store in `storeEnv` (DATABASE_URL) or else in a DATA_DIR of its own.
   */
  start(clock: FakeClock, storeEnv?: Record<string, string>): Promise<void>;
  /** Stops the bot and starts a new one on the same store and fake. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  readonly instance: Instance;
  slash(command: SlashCommand): Promise<Asked>;
  /** Mentions the bot in the channel, or in an existing thread of it. */
  mention(question: string, where?: 'channel' | 'thread'): Promise<Asked>;
  dm(text: string): Promise<Asked>;
  /** The platform refuses the bot's next post in a conversation (an error the bot cannot retry past). */
  refuseNextPost(): void;
  /** Uses "Verify with sources" (Slack's message shortcut, Discord's message command) on a colleague's message in the channel. */
  verifyMessage(text: string): Promise<Asked>;
  /** Presses the Share button of an answer the bot sent. */
  share(answer: Sent): Promise<Asked>;
  /** Every post in the channel so far, in order (digests included). */
  channelPosts(): Sent[];
}

/**
 * The blocks an answer can go without, and the one rule for when Slack refuses a message
 * because of one (`invalid_blocks`: nothing was posted). Each kind is dropped in turn, in
 * order, and the message sent again, until it goes through or nothing optional is left:
 * the chart first (Slack's `data_visualization`, newest and least widely accepted; the text
 * states every figure), then the native 👍 / 👎 (swapped for two plain buttons that vote alike).
 */
import type { types } from '@slack/bolt';
import { isBlocksRefusal, withFallbackFeedback } from './feedback-block.ts';
import type { ResponseUrlError } from './response-url.ts';

type Block = types.KnownBlock | types.Block;

export interface OptionalBlock {
  /** What is lost, for the log. */
  kind: string;
  /** The blocks without it (the same array when there was none). */
  drop(blocks: Block[]): Block[];
}

export const OPTIONAL_BLOCKS: readonly OptionalBlock[] = [
  {
    kind: 'chart block',
    drop: (blocks) =>
      blocks.some((b) => b.type === 'data_visualization') ? blocks.filter((b) => b.type !== 'data_visualization') : blocks,
  },
  {
    kind: 'native feedback buttons',
    drop: (blocks) => {
      const swapped = withFallbackFeedback(blocks);
      return swapped.every((b, i) => b === blocks[i]) ? blocks : swapped;
    },
  },
];

/** Each lighter version of `blocks`, one more optional kind dropped each time; kinds the blocks do not hold are skipped. */
export function lighterVersions(blocks: Block[]): { dropped: string; blocks: Block[] }[] {
  const versions: { dropped: string; blocks: Block[] }[] = [];
  let current = blocks;
  for (const optional of OPTIONAL_BLOCKS) {
    const lighter = optional.drop(current);
    if (lighter === current) continue;
    versions.push({ dropped: optional.kind, blocks: lighter });
    current = lighter;
  }
  return versions;
}

/** A response_url's refusal of the blocks: HTTP 400 whose body says `invalid_blocks`. */
export function isResponseUrlBlocksRefusal(error: unknown): boolean {
  const refusal = error as Partial<ResponseUrlError> | undefined;
  return refusal?.failure === 'rejected' && isBlocksRefusal({ message: refusal.detail ?? '' });
}

export interface SendLighterOptions<M> {
  /** Whether the error is Slack refusing the blocks (Web API: `invalid_blocks`; a response_url has its own). */
  refused?: (error: unknown) => boolean;
  /** Told before each lighter try. */
  onDrop?: (dropped: string, message: M) => void;
}

/** Sends `message`; while Slack refuses its blocks, sends it again with the next optional kind dropped. */
export async function sendDroppingRefused<M extends { blocks?: unknown[] }, T>(
  message: M,
  send: (message: M) => Promise<T>,
  options: SendLighterOptions<M> = {},
): Promise<T> {
  const refused = options.refused ?? isBlocksRefusal;
  const versions = message.blocks ? lighterVersions(message.blocks as Block[]) : [];
  let current = message;
  for (let i = 0; ; i++) {
    try {
      return await send(current);
    } catch (error) {
      const next = versions[i];
      if (!next || !refused(error)) throw error;
      current = { ...message, blocks: next.blocks };
      options.onDrop?.(next.dropped, current);
    }
  }
}

import type { Reply } from '../../src/commands/command.ts';
import type { DigestService, DigestSettings } from '../../src/digest/commands.ts';
import type { ChannelContext } from '../../src/digest/types.ts';

/**
 * A digest service that records what it is asked, written as the command it stands for
 * (`subscribe 09:00 Europe/Berlin trade`), and answers with a recognisable title. A subscribe
 * at 23:59 throws, as a broken store would.
 */
export function recordingDigest() {
  const calls: { args: string; context: ChannelContext }[] = [];
  const answer = async (args: string, context: ChannelContext): Promise<Reply> => {
    calls.push({ args, context });
    if (args.includes('23:59')) throw new Error('store on fire');
    return { kind: 'help', query: '', matched: true, title: `digest said: ${args}`, items: [], sources: [], next: [] };
  };
  const settings = (s: DigestSettings) => [s.time, s.zone, ...(s.topics ?? [])].filter(Boolean).join(' ');
  const service: DigestService = {
    subscribe: (s, context) => answer(`subscribe ${settings(s)}`.trim(), context),
    unsubscribe: (context) => answer('unsubscribe', context),
    status: (context) => answer('status', context),
    preview: (context) => answer('preview', context),
  };
  return { calls, service };
}

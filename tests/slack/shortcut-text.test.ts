/**
 * The words of a message a shortcut is used on: its text, else what its blocks and legacy
 * attachments show; mentions and Slack's markup removed before the core reads them. And the
 * manifest declares the shortcut the app listens for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VERIFY_SHORTCUT } from '../../adapters/slack/handlers.ts';
import { shortcutText } from '../../adapters/slack/shortcut-text.ts';
import { textToVerify } from '../../adapters/slack/verify-shortcut.ts';
import { verifyCommand } from '../../src/commands/verify.ts';

const CLAIM = 'China and Russia traded $240 billion in 2022';

describe('the text of a message a shortcut is used on', () => {
  it('is its text when it has one, even beside blocks', () => {
    expect(shortcutText({ text: CLAIM, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'other words' } }] })).toBe(CLAIM);
  });

  it('is what its rich text, sections, headers and context show when it has no text', () => {
    const message = {
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Trade update' } },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'China and Russia traded ' },
                { type: 'text', text: '$240 billion', style: { bold: true } },
                { type: 'text', text: ' in 2022, says ' },
                { type: 'link', url: 'https://example.com/report', text: 'the report' },
                { type: 'user', user_id: 'U0BOSS' },
              ],
            },
            { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'first point' }] }] },
          ],
        },
        { type: 'section', text: { type: 'mrkdwn', text: 'A section' }, fields: [{ type: 'mrkdwn', text: 'a field' }] },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'a footnote' },
            { type: 'image', image_url: 'x', alt_text: 'y' },
          ],
        },
        { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'a chart' },
      ],
    };
    expect(shortcutText(message)).toBe(
      'Trade update\nChina and Russia traded $240 billion in 2022, says the report\nfirst point\nA section\na field\na footnote',
    );
  });

  it('is what its legacy attachments show, or their fallback when they show nothing else', () => {
    const shown = {
      attachments: [{ pretext: 'Wire:', title: 'Trade', text: CLAIM, fields: [{ title: 'Year', value: '2022' }], fallback: 'x' }],
    };
    expect(shortcutText(shown)).toBe(`Wire:\nTrade\n${CLAIM}\nYear\n2022`);
    expect(shortcutText({ attachments: [{ fallback: CLAIM, image_url: 'https://example.com/a.png' }] })).toBe(CLAIM);
  });

  it('is empty for a message of files or images alone, and for no message at all', () => {
    expect(shortcutText({ text: '', files: [{ id: 'F1' }] })).toBe('');
    expect(shortcutText({ blocks: [{ type: 'image', image_url: 'x', alt_text: 'y' }] })).toBe('');
    expect(shortcutText(undefined)).toBe('');
    expect(shortcutText({ text: 42, blocks: 'nope', attachments: [null] })).toBe('');
  });

  it('reaches the core decoded, without mentions, links or special mentions', () => {
    const typed = '<!channel> <@U0BOSS|boss> R&amp;D spend: <https://example.com|see> &lt;!here&gt; <!subteam^S1|@team> $240 billion';
    expect(textToVerify({ text: typed })).toBe('R&D spend: see $240 billion');
  });
});

describe('the manifest', () => {
  const manifest = parse(readFileSync(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));

  it('declares the message shortcut the app listens for, with interactivity on', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ name: verifyCommand.messageAction, type: 'message', callback_id: VERIFY_SHORTCUT }),
    ]);
    const [shortcut] = manifest.features.shortcuts;
    // Slack's manifest limits: a name of at most 24 characters, a description of at most 80.
    expect(shortcut.name.length).toBeLessThanOrEqual(24);
    expect(shortcut.description.length).toBeGreaterThan(0);
    expect(shortcut.description.length).toBeLessThanOrEqual(80);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  });
});

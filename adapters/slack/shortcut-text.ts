/**
 * The words of a message a shortcut is used on, as Slack's payload carries them: its `text`,
 * or, for a message that has none (a bot's or a workflow's post made of blocks or legacy
 * attachments), the text its blocks and attachments show. Mentions stay as Slack writes them
 * (`<@U1>`, `<!channel>`): the caller removes them with the rest of Slack's markup.
 */

type Json = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => !!v && typeof v === 'object') : []);
const textOf = (value: unknown): string => str((value as Json | undefined)?.text);

/** A rich_text element's words: text and links as shown; mentions, emoji and dates left out. */
function richText(element: Json): string {
  switch (element.type) {
    case 'text':
      return str(element.text);
    case 'link':
      return str(element.text) || str(element.url);
    case 'rich_text_section':
    case 'rich_text_quote':
    case 'rich_text_preformatted':
      return list(element.elements).map(richText).join('');
    case 'rich_text_list':
      return list(element.elements).map(richText).join('\n');
    default:
      return '';
  }
}

function blockText(block: Json): string[] {
  switch (block.type) {
    case 'rich_text':
      return list(block.elements).map(richText);
    case 'section':
      return [textOf(block.text), ...list(block.fields).map((f) => str(f.text))];
    case 'header':
      return [textOf(block.text)];
    case 'context':
      return list(block.elements).map((e) => str(e.text));
    case 'markdown':
      return [str(block.text)];
    default:
      return [];
  }
}

function attachmentText(attachment: Json): string[] {
  const shown = [
    str(attachment.pretext),
    str(attachment.title),
    str(attachment.text),
    ...list(attachment.fields).flatMap((f) => [str(f.title), str(f.value)]),
    ...list(attachment.blocks).flatMap(blockText),
  ];
  return shown.some((t) => t.trim() !== '') ? shown : [str(attachment.fallback)];
}

/** Slack's link markup as the words it shows: `<https://x|the report>` is "the report". */
const LINK = /<((?:https?|mailto):[^|>\s]*)(?:\|([^>]*))?>/g;

/** What the message says, in Slack's markup; empty when it shows no words at all (an image, a file). */
export function shortcutText(message: unknown): string {
  const m = (message ?? {}) as Json;
  const own = str(m.text);
  const shown = [...list(m.blocks).flatMap(blockText), ...list(m.attachments).flatMap(attachmentText)];
  const text = own.trim() !== '' ? own : shown.filter((t) => t.trim() !== '').join('\n');
  return text.replace(LINK, (_all, url: string, label?: string) => label || url).trim();
}

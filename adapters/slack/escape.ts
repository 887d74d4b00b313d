/**
 * Slack's text format: `&`, `<` and `>` are markup (mentions, links, `<!channel>`), so text
 * that came from a user or the knowledge base is escaped before it goes into any message.
 */
import { cutAtWord as cutText } from '../../src/text.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const DECODES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Makes text inert in Slack: it can no longer ping, link or format as markup. */
export function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c]);
}

/**
 * Slack sends typed text already escaped (`R&amp;D`); decode it once, so the core reads what
 * the person typed and our own escaping on the way out does not double it.
 */
export function decodeSlack(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => DECODES[entity]);
}

/**
 * Cuts already-escaped text to at most `max` characters at a word boundary, with an ellipsis.
 * Never splits an entity such as `&amp;`; splits a word only when one word alone is too long.
 */
export function cutAtWord(text: string, max: number): string {
  return cutText(text, max, (cut) => {
    const amp = cut.lastIndexOf('&');
    return amp >= 0 && !cut.slice(amp).includes(';') ? cut.slice(0, amp) : cut;
  });
}

/**
 * Slack's text format: `&`, `<` and `>` are markup (mentions, links, `<!channel>`), so text
 * that came from a user or the knowledge base is escaped before it goes into any message.
 */

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
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  let cut = space > 0 ? room.slice(0, space) : room;
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut.trimEnd()}…`;
}

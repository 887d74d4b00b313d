/**
 * Cuts text to at most `max` characters at a word boundary, ending in "…". `tidy` lets a
 * surface drop what must not end a cut in its markup (a half HTML entity, a backslash).
 */
export function cutAtWord(text: string, max: number, tidy: (cut: string) => string = (cut) => cut): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${tidy(space > 0 ? room.slice(0, space) : room).trimEnd()}…`;
}

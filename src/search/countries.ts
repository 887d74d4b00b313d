/**
 * The world's countries and territories by their English names, from the ICU data Node ships
 * (Intl.DisplayNames), so there is no list to keep: what tells "Japan" or "Australia" from
 * another word of a question.
 */
export function countryNames(): string[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const out = new Set<string>();
  for (const a of letters)
    for (const b of letters) {
      const name = names.of(a + b);
      // Pseudo-regions ("Pseudo-Accents", "Unknown Region") and groupings are not countries.
      if (!name || /pseudo|unknown|outlying|union|nations|eurozone|world/i.test(name)) continue;
      out.add(name.replace(/ SAR China$/, '').replace(/ & /g, ' and '));
    }
  return [...out];
}

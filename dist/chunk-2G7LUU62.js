// src/commands/input.ts
var MAX_INPUT = 2e3;
var MAX_ECHO = 120;
var INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
var MENTIONS = /<[@#!][^<>\s]*>|@(?:everyone|here|channel)\b/gi;
function cleanInput(raw) {
  const text = typeof raw === "string" ? raw : "";
  return text.slice(0, MAX_INPUT * 2).replace(INVISIBLE, "").replace(/\s+/g, " ").trim().slice(0, MAX_INPUT);
}
function stripMentions(text) {
  return text.replace(MENTIONS, " ").replace(/\s+/g, " ").trim();
}
function echo(text) {
  const clean = stripMentions(cleanInput(text)).replace(/<(?=[@#!])/g, "");
  if (clean.length <= MAX_ECHO) return clean;
  const cut = clean.slice(0, MAX_ECHO);
  const space = cut.lastIndexOf(" ");
  return `${space > MAX_ECHO / 2 ? cut.slice(0, space) : cut}\u2026`;
}

export {
  cleanInput,
  stripMentions,
  echo
};

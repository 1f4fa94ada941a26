/** Markdown helpers for hovers: user text escaped, code in fences that nothing can close. */

/** Escapes the characters that would turn a user's text into markup (emphasis, links, html, tables). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Inline code that survives back quotes inside (CommonMark: a longer fence, padded). */
export function inlineCode(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any back-quote run inside. */
export function codeBlock(text: string, language = 'text'): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${language}\n${text}\n${fence}`;
}

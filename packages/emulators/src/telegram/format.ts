/**
 * Checks and strips `parse_mode` markup the way Telegram does, so a bot that sends broken
 * HTML or unescaped MarkdownV2 gets the same 400 here as in production.
 */
const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'span',
  'tg-spoiler',
  'tg-emoji',
  'blockquote',
]);
const MD2_RESERVED = '_*[]()~`>#+-=|{}.!';

export class ParseError extends Error {}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

function stripHtml(text: string): string {
  const stack: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '<') {
      const end = text.indexOf('>', i);
      if (end < 0) throw new ParseError(`Can't parse entities: unclosed start tag at byte offset ${i}`);
      const tag = text.slice(i + 1, end).trim();
      const closing = tag.startsWith('/');
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]!.toLowerCase();
      if (!HTML_TAGS.has(name)) throw new ParseError(`Can't parse entities: unsupported start tag "${name}" at byte offset ${i}`);
      if (closing) {
        if (stack.pop() !== name)
          throw new ParseError(
            `Can't parse entities: unmatched end tag at byte offset ${i}, expected "</${stack.at(-1) ?? ''}>", found "</${name}>"`,
          );
      } else {
        stack.push(name);
      }
      i = end + 1;
      continue;
    }
    if (ch === '&' && !/^&(lt|gt|amp|quot|#\d+);/.test(text.slice(i))) {
      throw new ParseError(`Can't parse entities: unsupported entity at byte offset ${i}`);
    }
    out += ch;
    i += 1;
  }
  if (stack.length) throw new ParseError(`Can't find end tag corresponding to start tag "${stack.at(-1)}"`);
  return unescapeHtml(out);
}

function stripMarkdownV2(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      out += text[i + 1] ?? '';
      i += 1;
      continue;
    }
    if (ch === ']' && text[i + 1] === '(') {
      const close = text.indexOf(')', i);
      i = close < 0 ? text.length : close; // the link's URL is not shown
      continue;
    }
    if ('.!-=+#|{}>'.includes(ch)) {
      throw new ParseError(`Can't parse entities: character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    if (MD2_RESERVED.includes(ch)) continue; // formatting marker
    out += ch;
  }
  return out;
}

/** The plain text Telegram stores for a message sent with `parse_mode`. */
export function plainText(text: string, parseMode: string | null | undefined): string {
  if (!parseMode) return text;
  if (parseMode === 'HTML') return stripHtml(text);
  if (parseMode === 'MarkdownV2') return stripMarkdownV2(text);
  if (parseMode === 'Markdown') return text.replace(/[*_`[\]]/g, '');
  throw new ParseError(`Unsupported parse_mode`);
}

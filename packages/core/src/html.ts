const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe inside HTML or XML: element content and quoted attribute values (either quote),
 * in emails, pages, sitemaps and Telegram's HTML parse mode (which takes these entities too).
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);
}

import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.ts';

describe('escapeHtml', () => {
  it('escapes what people typed before it goes out as HTML', () => {
    expect(escapeHtml('<b>Tom & "Jerry"</b>')).toBe('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
    expect(escapeHtml(`<script>alert('x')</script>`)).toBe('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
  });

  it('keeps a quoted attribute value closed, whichever quote wraps it', () => {
    expect(`<a href="${escapeHtml('x" onclick="evil()')}">`).toBe('<a href="x&quot; onclick=&quot;evil()">');
    expect(`<a title='${escapeHtml("it's")}'>`).toBe("<a title='it&#39;s'>");
  });

  it('escapes the ampersand once, so entities in the text stay visible as typed', () => {
    expect(escapeHtml('&amp; & &lt;')).toBe('&amp;amp; &amp; &amp;lt;');
  });

  it('writes numbers and other values as text, and leaves plain text alone', () => {
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml('Plumbing — 2 hours, 09:00')).toBe('Plumbing — 2 hours, 09:00');
  });
});

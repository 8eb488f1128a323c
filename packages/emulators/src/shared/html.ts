import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export { html, raw };
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
main{max-width:760px;margin:0 auto;padding:16px}
header.top{background:#fff;border-bottom:1px solid #e3e8ee;padding:10px 16px;font-size:13px;color:#697386}
header.top a{color:#635bff;text-decoration:none;margin-right:12px}
h1{font-size:22px;margin:12px 0}h2{font-size:17px;margin:18px 0 8px}
.card{background:#fff;border:1px solid #e3e8ee;border-radius:10px;padding:16px;margin:12px 0}
table{width:100%;border-collapse:collapse}td,th{padding:8px 6px;border-bottom:1px solid #eef1f4;text-align:left;vertical-align:top}
th{font-size:12px;text-transform:uppercase;color:#697386;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
tfoot th{font-size:15px;text-transform:none;color:#1a1f36}
.muted{color:#697386;font-size:13px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#e3e8ee}
.badge.paid,.badge.succeeded,.badge.ok{background:#d7f7c2;color:#05690d}
.badge.open,.badge.pending{background:#cff5f6;color:#0055bc}
.badge.void,.badge.uncollectible,.badge.failed{background:#ffe7f2;color:#b3093c}
label{display:block;font-size:13px;color:#3c4257;margin:10px 0 4px}
input,textarea{width:100%;padding:10px;border:1px solid #cfd7df;border-radius:6px;font:inherit}
.row{display:flex;gap:10px}.row>*{flex:1}
button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:11px 16px;font:inherit;font-weight:600;cursor:pointer}
a.button{display:inline-block;background:#635bff;color:#fff;border-radius:6px;padding:11px 16px;font-weight:600;text-decoration:none}
button.secondary{background:#fff;color:#1a1f36;border:1px solid #cfd7df;font-weight:500}
.error{background:#fff1f0;border:1px solid #ffccc7;color:#a8071a;padding:10px;border-radius:6px}
.success{background:#f0fff4;border:1px solid #b7eb8f;color:#135200;padding:10px;border-radius:6px}
a{color:#635bff}
pre{white-space:pre-wrap;word-break:break-all;font-size:12px;background:#f6f8fa;padding:8px;border-radius:6px}
`;

/** One page: a small top bar back to the index, then the body. Values in `body` are already escaped. */
export function layout(title: string, body: Html, opts: { refreshSeconds?: number } = {}): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        ${opts.refreshSeconds ? html`<meta http-equiv="refresh" content="${opts.refreshSeconds}" />` : ''}
        <title>${title}</title>
        <style>
          ${raw(CSS)}
        </style>
      </head>
      <body>
        <header class="top"><a href="/_/">Emulators</a><span>${title}</span></header>
        <main>${body}</main>
      </body>
    </html>`;
}

/** Minor units to a display string, e.g. 12345 usd -> "$123.45". */
export function formatMoney(minor: number, currency: string): string {
  const zeroDecimal = ['jpy', 'krw', 'vnd', 'clp', 'xof', 'xaf'].includes(currency.toLowerCase());
  const value = zeroDecimal ? minor : minor / 100;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(value);
  } catch {
    return `${value.toFixed(zeroDecimal ? 0 : 2)} ${currency.toUpperCase()}`;
  }
}

export function formatDate(unix: number | null | undefined): string {
  if (!unix) return '—';
  return new Date(unix * 1000).toISOString().slice(0, 10);
}

export function formatTime(unix: number): string {
  return new Date(unix * 1000).toISOString().replace('T', ' ').slice(0, 19) + 'Z';
}

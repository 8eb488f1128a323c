import { escapeHtml } from '@handled/core/html';

/** One email's content; every notification email is drawn from this one layout, with a plain-text twin. */
export interface EmailContent {
  /** "Hi Maya," */
  greeting: string;
  /** What happened, in a sentence or two. */
  lead: string;
  /** Labelled facts: When (with the zone named), Where, Who and how to reach them, … */
  details?: { label: string; value: string }[];
  /** The price breakdown: lines and a total. */
  price?: { lines: { label: string; amount: string }[]; total: { label: string; amount: string } };
  /** Longer parts (cancellation terms, the work done). */
  sections?: { heading: string; lines: string[] }[];
  button?: { label: string; url: string };
  /** Links under the button (add to Google Calendar, Outlook). */
  links?: { label: string; url: string }[];
  /** Raw HTML blocks placed after the sections (inline photos, desk links); their text goes in `extraText`. */
  extraHtml?: string;
  extraText?: string;
  footer: string;
  unsubscribeUrl?: string;
}

const BRAND = 'Handled';
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function renderEmail(c: EmailContent): { html: string; text: string } {
  const e = escapeHtml;
  const details = c.details?.length
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:16px 0;border-collapse:collapse">${c.details
        .map(
          (d) =>
            `<tr><td style="padding:6px 12px 6px 0;color:#6b7280;font-size:13px;vertical-align:top;white-space:nowrap">${e(d.label)}</td><td style="padding:6px 0;font-size:14px;white-space:pre-line">${e(d.value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const price = c.price
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:8px 0 16px;border-collapse:collapse;border-top:1px solid #e5e7eb">${c.price.lines
        .map(
          (l) =>
            `<tr><td style="padding:6px 0;font-size:14px">${e(l.label)}</td><td style="padding:6px 0;font-size:14px;text-align:right">${e(l.amount)}</td></tr>`,
        )
        .join(
          '',
        )}<tr><td style="padding:8px 0;font-size:15px;font-weight:600;border-top:1px solid #e5e7eb">${e(c.price.total.label)}</td><td style="padding:8px 0;font-size:15px;font-weight:600;text-align:right;border-top:1px solid #e5e7eb">${e(c.price.total.amount)}</td></tr></table>`
    : '';
  const sections = (c.sections ?? [])
    .map(
      (s) =>
        `<h3 style="margin:16px 0 4px;font-size:14px">${e(s.heading)}</h3>${s.lines.map((l) => `<p style="margin:2px 0;font-size:14px;white-space:pre-line">${e(l)}</p>`).join('')}`,
    )
    .join('');
  const button = c.button
    ? `<p style="margin:24px 0"><a href="${e(c.button.url)}" style="display:inline-block;background:#0f766e;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600;font-size:15px">${e(c.button.label)}</a></p>`
    : '';
  const links = c.links?.length
    ? `<p style="font-size:13px;color:#374151">${c.links.map((l) => `<a href="${e(l.url)}" style="color:#0f766e">${e(l.label)}</a>`).join(' · ')}</p>`
    : '';
  const unsubscribe = c.unsubscribeUrl ? ` <a href="${e(c.unsubscribeUrl)}" style="color:#6b7280">Unsubscribe from these emails</a>.` : '';
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="margin:0;background:#f3f4f6;font-family:${FONT};color:#111827">
<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden">
<tr><td style="background:#0f766e;padding:16px 24px;color:#ffffff;font-size:18px;font-weight:700;letter-spacing:.2px">${BRAND}</td></tr>
<tr><td style="padding:24px">
<p style="margin:0 0 12px;font-size:15px">${e(c.greeting)}</p>
<p style="margin:0 0 8px;font-size:15px;line-height:1.5;white-space:pre-line">${e(c.lead)}</p>
${details}${price}${sections}${c.extraHtml ?? ''}${button}${links}
</td></tr>
<tr><td style="padding:16px 24px;background:#f9fafb;color:#6b7280;font-size:12px;line-height:1.5">${e(c.footer)}${unsubscribe}</td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    c.greeting,
    '',
    c.lead,
    ...(c.details?.length ? ['', ...c.details.map((d) => `${d.label}: ${d.value}`)] : []),
    ...(c.price ? ['', ...c.price.lines.map((l) => `${l.label}: ${l.amount}`), `${c.price.total.label}: ${c.price.total.amount}`] : []),
    ...(c.sections ?? []).flatMap((s) => ['', s.heading, ...s.lines]),
    ...(c.extraText ? ['', c.extraText] : []),
    ...(c.button ? ['', `${c.button.label}: ${c.button.url}`] : []),
    ...(c.links ?? []).map((l) => `${l.label}: ${l.url}`),
    '',
    '—',
    `${BRAND} · ${c.footer}`,
    ...(c.unsubscribeUrl ? [`Unsubscribe: ${c.unsubscribeUrl}`] : []),
  ].join('\n');
  return { html, text };
}

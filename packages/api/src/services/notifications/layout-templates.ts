/**
 * The one email layout, as Eta templates (compiled once by layout.ts): the HTML and its plain-text
 * twin. Kept as a TypeScript module so the bundled server (scripts/lib/bundle.ts) carries them with
 * no file to find at run time.
 *
 * `<%= %>` writes escaped text (HTML: core's escapeHtml), `<%~ %>` writes as it is (only `extraHtml`,
 * which the caller built from escaped parts). `<%_`/`_%>` eat the whitespace beside a tag, so the
 * templates can be laid out over lines without it reaching the message.
 */

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export const htmlLayout = `<!doctype html><html lang="<%= it.lang %>"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="margin:0;background:#f3f4f6;font-family:${FONT};color:#111827">
<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden">
<tr><td style="background:#0f766e;padding:16px 24px;color:#ffffff;font-size:18px;font-weight:700;letter-spacing:.2px"><%= it.brand %></td></tr>
<tr><td style="padding:24px">
<p style="margin:0 0 12px;font-size:15px"><%= it.greeting %></p>
<p style="margin:0 0 8px;font-size:15px;line-height:1.5;white-space:pre-line"><%= it.lead %></p>
<%_ if (it.details && it.details.length) { _%>
  <table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:16px 0;border-collapse:collapse">
  <%_ for (const d of it.details) { _%>
    <tr><td style="padding:6px 12px 6px 0;color:#6b7280;font-size:13px;vertical-align:top;white-space:nowrap"><%= d.label %></td><td style="padding:6px 0;font-size:14px;white-space:pre-line"><%= d.value %></td></tr>
  <%_ } _%>
  </table>
<%_ } _%>
<%_ if (it.price) { _%>
  <table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:8px 0 16px;border-collapse:collapse;border-top:1px solid #e5e7eb">
  <%_ for (const l of it.price.lines) { _%>
    <tr><td style="padding:6px 0;font-size:14px"><%= l.label %></td><td style="padding:6px 0;font-size:14px;text-align:right"><%= l.amount %></td></tr>
  <%_ } _%>
  <tr><td style="padding:8px 0;font-size:15px;font-weight:600;border-top:1px solid #e5e7eb"><%= it.price.total.label %></td><td style="padding:8px 0;font-size:15px;font-weight:600;text-align:right;border-top:1px solid #e5e7eb"><%= it.price.total.amount %></td></tr></table>
<%_ } _%>
<%_ for (const s of it.sections || []) { _%>
  <h3 style="margin:16px 0 4px;font-size:14px"><%= s.heading %></h3>
  <%_ for (const line of s.lines) { _%>
    <p style="margin:2px 0;font-size:14px;white-space:pre-line"><%= line %></p>
  <%_ } _%>
<%_ } _%>
<%_ if (it.extraHtml) { _%><%~ it.extraHtml %><%_ } _%>
<%_ if (it.button) { _%>
  <p style="margin:24px 0"><a href="<%= it.button.url %>" style="display:inline-block;background:#0f766e;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600;font-size:15px"><%= it.button.label %></a></p>
<%_ } _%>
<%_ if (it.links && it.links.length) { _%>
  <p style="font-size:13px;color:#374151">
  <%_ it.links.forEach((l, i) => { _%>
    <%_ if (i > 0) { _%><%= ' · ' %><%_ } _%>
    <a href="<%= l.url %>" style="color:#0f766e"><%= l.label %></a>
  <%_ }) _%>
  </p>
<%_ } %>
</td></tr>
<tr><td style="padding:16px 24px;background:#f9fafb;color:#6b7280;font-size:12px;line-height:1.5"><%= it.footer %>
<%_ if (it.unsubscribeUrl) { _%>
  <%= ' ' %><a href="<%= it.unsubscribeUrl %>" style="color:#6b7280"><%= it.words.unsubscribeLink %></a>.
<%_ } _%>
</td></tr>
</table></td></tr></table></body></html>`;

/** One line of output per line here; a line that is only a `<% … -%>` tag writes nothing (its newline is eaten). */
export const textLayout = `<%= it.greeting %>

<%= it.lead %>
<% if (it.details && it.details.length) { -%>

<% for (const d of it.details) { -%>
<%= d.label %>: <%= d.value %>
<% } -%>
<% } -%>
<% if (it.price) { -%>

<% for (const l of it.price.lines) { -%>
<%= l.label %>: <%= l.amount %>
<% } -%>
<%= it.price.total.label %>: <%= it.price.total.amount %>
<% } -%>
<% for (const s of it.sections || []) { -%>

<%= s.heading %>
<% for (const line of s.lines) { -%>
<%= line %>
<% } -%>
<% } -%>
<% if (it.extraText) { -%>

<%= it.extraText %>
<% } -%>
<% if (it.button) { -%>

<%= it.button.label %>: <%= it.button.url %>
<% } -%>
<% for (const l of it.links || []) { -%>
<%= l.label %>: <%= l.url %>
<% } -%>

—
<%= it.brand %> · <%= it.footer %>
<% if (it.unsubscribeUrl) { -%>
<%= it.words.unsubscribe %>: <%= it.unsubscribeUrl %>
<% } -%>
`;

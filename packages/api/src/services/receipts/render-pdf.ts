import PDFDocument from 'pdfkit';
import type { ReceiptLine, ReceiptModel } from './receipt-model.ts';

// The built-in PDF fonts speak WinAnsi; swap the few characters outside it.
const winAnsi = (s: string) => s.replace(/\u2212/g, '-').replace(/\u202f|\u00a0/g, ' ').replace(/[^\x20-\x7e\u00a0-\u00ff–—‘’“”•€×…]/g, '?');

const ink = '#1f2933';
const muted = '#6b7280';
const accent = '#0f766e';
const rule = '#d1d5db';

/** Lays a receipt out on one A4 page with the built-in Helvetica; returns the PDF bytes. */
export function renderReceiptPdf(r: ReceiptModel, opts: { creationDate?: Date } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${r.title} ${r.number}`, Author: 'Handled', Subject: `Booking ${r.reference}`, ...(opts.creationDate ? { CreationDate: opts.creationDate } : {}) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 50;
  const right = doc.page.width - 50;
  const width = right - left;
  const text = (s: string, x: number, y: number, o: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(s), x, y, o);

  // Header
  doc.rect(0, 0, doc.page.width, 8).fill(accent);
  doc.fillColor(accent).font('Helvetica-Bold').fontSize(20);
  text('Handled', left, 40);
  doc.fillColor(muted).font('Helvetica').fontSize(9);
  text('Home services, booked by the hour', left, 64);
  doc.fillColor(ink).font('Helvetica-Bold').fontSize(18);
  text(r.title, left, 40, { width, align: 'right' });
  doc.font('Helvetica').fontSize(9).fillColor(muted);
  text(`No. ${r.number}`, left, 62, { width, align: 'right' });
  text(`Issued ${r.issued}`, left, 74, { width, align: 'right' });
  text(`Booking ${r.reference}${r.invoiceNumber ? ` · Invoice ${r.invoiceNumber}` : ''}`, left, 86, { width, align: 'right' });

  // Parties
  let y = 120;
  const col = width / 2;
  const party = (label: string, p: { name: string; lines: string[] }, x: number) => {
    doc.font('Helvetica-Bold').fontSize(8).fillColor(muted);
    text(label.toUpperCase(), x, y, { characterSpacing: 0.8 });
    doc.font('Helvetica-Bold').fontSize(11).fillColor(ink);
    text(p.name, x, y + 14, { width: col - 10 });
    doc.font('Helvetica').fontSize(9).fillColor(muted);
    p.lines.filter(Boolean).forEach((l, i) => text(l, x, y + 30 + i * 12, { width: col - 10 }));
  };
  party('Provider', r.provider, left);
  party('Billed to', r.client, left + col);
  y += 86;

  // Service
  doc.moveTo(left, y).lineTo(right, y).strokeColor(rule).lineWidth(0.7).stroke();
  y += 14;
  doc.font('Helvetica-Bold').fontSize(8).fillColor(muted);
  text('SERVICE', left, y, { characterSpacing: 0.8 });
  y += 14;
  const rows: [string, string][] = [
    ['Service', r.service.name],
    ['Date', r.service.date],
    ['Time', r.service.time],
    ['Time zone', r.service.zone],
    ['Address', r.service.address],
    ['Hours', r.service.hours],
    ['Rate', r.service.rate],
    ['Job', r.service.details],
  ];
  for (const [k, v] of rows) {
    doc.font('Helvetica').fontSize(9).fillColor(muted);
    text(k, left, y, { width: 90 });
    doc.fillColor(ink);
    const h = doc.heightOfString(winAnsi(v), { width: width - 100 });
    text(v, left + 100, y, { width: width - 100 });
    y += Math.max(14, h + 4);
  }
  y += 8;

  const table = (title: string, lines: ReceiptLine[]) => {
    doc.moveTo(left, y).lineTo(right, y).strokeColor(rule).lineWidth(0.7).stroke();
    y += 14;
    doc.font('Helvetica-Bold').fontSize(8).fillColor(muted);
    text(title.toUpperCase(), left, y, { characterSpacing: 0.8 });
    y += 16;
    for (const l of lines) {
      if (l.strong) {
        doc.moveTo(left + width / 2, y - 4).lineTo(right, y - 4).strokeColor(rule).lineWidth(0.5).stroke();
        y += 2;
      }
      doc.font(l.strong ? 'Helvetica-Bold' : 'Helvetica').fontSize(l.strong ? 11 : 10).fillColor(ink);
      text(l.label, left, y, { width: width - 120 });
      text(l.amount, right - 120, y, { width: 120, align: 'right' });
      y += l.strong ? 20 : 16;
    }
    y += 6;
  };
  table('Charges', r.charges);
  table('Payments and refunds', r.payments);
  table('Summary', r.summary);

  // Footer
  doc.font('Helvetica').fontSize(9).fillColor(ink);
  text(r.note, left, y + 6, { width });
  doc.fontSize(8).fillColor(muted);
  text(
    `Amounts in ${r.currency}. Times are in the provider's time zone. Keep this receipt for your records; questions about booking ${r.reference} go to support@handled.test.`,
    left,
    doc.page.height - 80,
    { width, align: 'center' },
  );
  doc.end();
  return done;
}

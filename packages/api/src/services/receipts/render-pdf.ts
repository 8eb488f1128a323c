import PDFDocument from 'pdfkit';
import type { ReceiptLine, ReceiptModel, ReceiptWork } from './receipt-model.ts';

// The built-in PDF fonts speak WinAnsi; swap the few characters outside it.
const winAnsi = (s: string) =>
  s
    .replace(/\u2212/g, '-')
    .replace(/\u202f|\u00a0/g, ' ')
    .replace(/[^\x20-\x7e\u00a0-\u00ff–—‘’“”•€×…]/g, '?');

const ink = '#1f2933';
const muted = '#6b7280';
const accent = '#0f766e';
const rule = '#d1d5db';

/** Lays a receipt out on one A4 page with the built-in Helvetica; returns the PDF bytes. */
export function renderReceiptPdf(r: ReceiptModel, opts: { creationDate?: Date } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `${r.title} ${r.number}`,
      Author: 'Handled',
      Subject: `Booking ${r.reference}`,
      ...(opts.creationDate ? { CreationDate: opts.creationDate } : {}),
    },
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
        doc
          .moveTo(left + width / 2, y - 4)
          .lineTo(right, y - 4)
          .strokeColor(rule)
          .lineWidth(0.5)
          .stroke();
        y += 2;
      }
      doc
        .font(l.strong ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(l.strong ? 11 : 10)
        .fillColor(ink);
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
  if (r.work) renderWork(doc, r, r.work, text);
  doc.end();
  return done;
}

type TextFn = (s: string, x: number, y: number, o?: PDFKit.Mixins.TextOptions) => PDFKit.PDFDocument;

/** A second page: what was done — hours, the checklist, the provider's notes and the before/after thumbnails. */
function renderWork(doc: PDFKit.PDFDocument, r: ReceiptModel, work: ReceiptWork, text: TextFn) {
  doc.addPage();
  const left = 50;
  const right = doc.page.width - 50;
  const width = right - left;
  const bottom = doc.page.height - 60;
  doc.rect(0, 0, doc.page.width, 8).fill(accent);
  doc.fillColor(ink).font('Helvetica-Bold').fontSize(16);
  text('The work', left, 40);
  doc.font('Helvetica').fontSize(9).fillColor(muted);
  text(`Receipt ${r.number} · Booking ${r.reference} · ${r.service.name}, ${r.service.date}`, left, 62, { width });
  let y = 92;
  const heading = (label: string) => {
    doc.moveTo(left, y).lineTo(right, y).strokeColor(rule).lineWidth(0.7).stroke();
    y += 12;
    // Plain words (no letter spacing), so the page's text reads back as written.
    doc.font('Helvetica-Bold').fontSize(10).fillColor(ink);
    text(label, left, y);
    y += 16;
  };
  heading('Time');
  doc.font('Helvetica').fontSize(10).fillColor(ink);
  text(work.hours, left, y, { width });
  y += 22;
  if (work.checklist.length > 0) {
    heading('Checklist');
    for (const c of work.checklist) {
      doc
        .font('Helvetica')
        .fontSize(10)
        .fillColor(c.done ? accent : muted);
      text(c.done ? 'Done' : 'Not done', left, y, { width: 60 });
      doc.fillColor(ink);
      const h = doc.heightOfString(winAnsi(c.item), { width: width - 70 });
      text(c.item, left + 70, y, { width: width - 70 });
      y += Math.max(15, h + 4);
    }
    y += 8;
  }
  if (work.notes) {
    heading("Provider's notes");
    doc.font('Helvetica').fontSize(10).fillColor(ink);
    const h = doc.heightOfString(winAnsi(work.notes), { width });
    text(work.notes, left, y, { width });
    y += h + 14;
  }
  for (const kind of ['before', 'after'] as const) {
    const photos = work.photos.filter((p) => p.kind === kind);
    if (photos.length === 0) continue;
    if (y > bottom - 140) {
      doc.addPage();
      y = 50;
    }
    heading(`${kind === 'before' ? 'Before' : 'After'} photos (${photos.length})`);
    const cell = 118;
    const gap = 12;
    const perRow = Math.max(1, Math.floor((width + gap) / (cell + gap)));
    // Each thumbnail fits a cell; a row is as tall as its tallest picture (landscape photos leave no blank band).
    const fitted = (p: (typeof photos)[number]) => Math.min(cell, (cell * p.height) / Math.max(1, p.width));
    for (let i = 0; i < photos.length; i += perRow) {
      const row = photos.slice(i, i + perRow);
      const rowHeight = Math.max(...row.map(fitted));
      if (y + rowHeight > bottom) {
        doc.addPage();
        y = 50;
      }
      row.forEach((p, col) => doc.image(p.jpeg, left + col * (cell + gap), y, { fit: [cell, cell] }));
      y += rowHeight + gap;
    }
    y += 6;
  }
}

// A statement as files a centre's bookkeeper files: CSV (RFC 4180, amounts as plain decimal text
// with a dot, so a spreadsheet in any language reads them as numbers) and PDF (pdfkit: the centre,
// the programme and period, every line, the totals and the paid date, in the page's language).
import PDFDocument from 'pdfkit';
import type { StatementView } from '../../../settlement/settlement.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';

/**
 * A field quoted when it holds a comma, quote or line break (quotes doubled). A text that a
 * spreadsheet would run as a formula (=, +, -, @ first) is kept as text with a leading apostrophe;
 * amounts are never text, so never touched.
 */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (fields: string[]) => fields.join(',');

export function statementCsv(statement: StatementView, t: Translate): string {
  const header = ['date', 'description', 'hours', 'rate', 'amount', 'currency', 'correction'].map((column) =>
    csvField(t(`provider.statements.csv.${column}`)),
  );
  const lines = statement.lines.map((line) =>
    row([
      line.serviceDate ?? '',
      csvField(line.description),
      line.hours?.amount ?? '',
      line.rate?.amount ?? '',
      csvField(line.amount.amount, false),
      statement.total.currency,
      line.correction ? 'yes' : 'no',
    ]),
  );
  const total = row(['', csvField(t('provider.statements.total')), '', '', statement.total.amount, statement.total.currency, '']);
  return [row(header), ...lines, total].join('\r\n') + '\r\n';
}

export type StatementHeading = { centre: string; programme: string };

export function statementPdf(statement: StatementView, heading: StatementHeading, t: Translate, format: Formats): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: t('provider.statements.pdf.title', { centre: heading.centre, periodEnd: statement.periodEnd }),
      Author: t('service.name'),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  const money = (amount: string) => format.money(amount, statement.total.currency);
  document.font('Helvetica-Bold').fontSize(16).text(t('provider.statements.pdf.heading'));
  document.moveDown(0.5).font('Helvetica').fontSize(10);
  const facts: [string, string][] = [
    [t('provider.statements.centre'), heading.centre],
    [t('provider.statements.programme'), heading.programme],
    [t('provider.statements.periodEnd'), format.date(statement.periodEnd)],
    [t('provider.statements.reference'), statement.id],
    [t('provider.statements.paidOn'), statement.paidAt ? format.date(statement.paidAt) : t('provider.statements.notPaid')],
  ];
  for (const [label, value] of facts) document.text(`${label}: ${value}`);
  document.moveDown();
  const columns = [50, 120, 330, 390, 460];
  const widths = [70, 210, 60, 70, 85];
  const line = (cells: string[], bold = false) => {
    if (document.y > 760) document.addPage();
    const y = document.y;
    document.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    let bottom = y;
    cells.forEach((cell, index) => {
      document.text(cell, columns[index], y, { width: widths[index], align: index >= 2 ? 'right' : 'left' });
      bottom = Math.max(bottom, document.y);
    });
    document.x = 50;
    document.y = bottom + 4;
  };
  line(
    [
      t('provider.statements.date'),
      t('provider.statements.description'),
      t('provider.statements.hours'),
      t('provider.statements.rate'),
      t('provider.statements.amount'),
    ],
    true,
  );
  for (const item of statement.lines) {
    line([
      item.serviceDate ? format.date(item.serviceDate) : '',
      item.correction ? `${t('provider.statements.correction')}: ${item.description}` : item.description,
      item.hours ? format.hours(item.hours.amount) : '',
      item.rate ? money(item.rate.amount) : '',
      money(item.amount.amount),
    ]);
  }
  document.moveDown();
  line(['', t('provider.statements.total'), '', '', money(statement.total.amount)], true);
  if (statement.carriedForward.amount !== '0.00') {
    line(['', t('provider.statements.carriedForward'), '', '', money(statement.carriedForward.amount)]);
  }
  document.end();
  return done;
}

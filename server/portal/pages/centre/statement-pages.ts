// A centre's statements and payments (issue 17, journey 5): the list, newest first, with totals and
// paid dates; one statement with each line, the corrections carried from upheld disputes, its
// total, what its corrections still owe, and when it was paid; and the statement as a CSV and a PDF
// for the bookkeeper. The services are GET /v1/centres/:id/statements and GET /v1/statements/:id;
// another centre's statement is the portal's 404.
import { AppError, notFound } from '../../../errors.js';
import { centreName } from '../../../centres/centres.js';
import { centreStatements, statementOf, type StatementView } from '../../../settlement/settlement.js';
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { programmeNames } from '../../programme-names.js';
import { definePage } from '../../page.js';
import { statementCsv, statementPdf } from './statement-files.js';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const centreOf = (user: Principal) => {
  if (!user.centreId) throw notFound('Statement');
  return user.centreId;
};

/** The statement of the user's own centre; anything else (a malformed id too) reads as not found. */
async function ownStatement(app: AppContext, user: Principal, id: string | undefined): Promise<StatementView> {
  if (!id || !UUID.test(id)) throw notFound('Statement');
  return statementOf(app.sequelize, user, id);
}

function shownStatement(statement: StatementView, programme: string, { t, format }: { t: Translate; format: Formats }) {
  const money = (amount: string) => format.money(amount, statement.total.currency);
  return {
    id: statement.id,
    programme,
    periodEnd: format.date(statement.periodEnd),
    status: t(`provider.statements.status.${statement.status}`),
    total: money(statement.total.amount),
    carriedForward: statement.carriedForward.amount === '0.00' ? undefined : money(statement.carriedForward.amount),
    paidOn: statement.paidAt ? format.date(statement.paidAt) : undefined,
    lines: statement.lines.map((line) => ({
      date: line.serviceDate ? format.date(line.serviceDate) : '',
      description: line.description,
      correction: line.correction,
      hours: line.hours ? format.hours(line.hours.amount) : '',
      rate: line.rate ? money(line.rate.amount) : '',
      amount: money(line.amount.amount),
    })),
  };
}

const fileName = (statement: StatementView, extension: string) => `statement-${statement.programme}-${statement.periodEnd}.${extension}`;

export const centreStatementPages = [
  definePage({
    method: 'get',
    path: '/centre/statements',
    access: ['centre'],
    handle: async ({ app, user, query, t, format, language, render }) => {
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const found = await centreStatements(app.sequelize, centreOf(user), { limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
        // A cursor this list did not issue: the page does not exist.
        if (error instanceof AppError && error.status === 400) throw notFound('Page');
        throw error;
      });
      const names = await programmeNames(app, language);
      render('pages/centre/statements/list.njk', {
        statements: found.items.map((statement) =>
          shownStatement(statement, names.get(statement.programme) ?? statement.programme, { t, format }),
        ),
        nextCursor: found.nextCursor,
        cursor,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/statements/:id',
    access: ['centre'],
    handle: async ({ app, user, params, t, format, language, render }) => {
      const statement = await ownStatement(app, user, params.id);
      const names = await programmeNames(app, language);
      render('pages/centre/statements/statement.njk', {
        statement: shownStatement(statement, names.get(statement.programme) ?? statement.programme, { t, format }),
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/statements/:id/csv',
    access: ['centre'],
    handle: async ({ app, user, params, t, res }) => {
      const statement = await ownStatement(app, user, params.id);
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .attachment(fileName(statement, 'csv'))
        // The byte order mark makes spreadsheets read the file as UTF-8.
        .send(`\uFEFF${statementCsv(statement, t)}`);
    },
  }),
  definePage({
    method: 'get',
    path: '/centre/statements/:id/pdf',
    access: ['centre'],
    handle: async ({ app, user, params, t, format, language, res }) => {
      const statement = await ownStatement(app, user, params.id);
      const names = await programmeNames(app, language);
      const centre = (await centreName(app.sequelize, statement.centreId)) ?? statement.centreId;
      const pdf = await statementPdf(statement, { centre, programme: names.get(statement.programme) ?? statement.programme }, t, format);
      res.status(200).type('application/pdf').attachment(fileName(statement, 'pdf')).send(pdf);
    },
  }),
];

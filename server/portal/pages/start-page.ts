// The public start page: every programme with what it offers and to whom (by its kind, so a new
// programme shows without a template change), what is left of its budget and places, and its
// closing date, so no programme closes without warning; then how to sign in.
import { Decimal } from 'decimal.js';
import { describeProgrammes } from '../../programmes/programmes.js';
import type { Language } from '../../shared/language.js';
import type { Formats } from '../formats.js';
import type { Translate } from '../i18n.js';
import { definePage } from '../page.js';

type Programme = Awaited<ReturnType<typeof describeProgrammes>>['items'][number];

/** Below this share of its budget a programme warns that it may close soon. */
const LOW_BUDGET_SHARE = new Decimal('0.1');

async function allProgrammes(app: Parameters<typeof describeProgrammes>[0]): Promise<Programme[]> {
  const programmes: Programme[] = [];
  let cursor: string | undefined;
  do {
    const page = await describeProgrammes(app, { limit: 500, cursor });
    programmes.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return programmes;
}

function budgetWarning(programme: Programme): 'usedUp' | 'low' | undefined {
  const remaining = new Decimal(programme.budget.remaining);
  if (remaining.lte(0)) return 'usedUp';
  const total = new Decimal(programme.budget.total);
  return total.gt(0) && remaining.div(total).lt(LOW_BUDGET_SHARE) ? 'low' : undefined;
}

function shown(programme: Programme, language: Language, t: Translate, format: Formats) {
  const closingDate = programme.parameters.closingDate;
  return {
    code: programme.code,
    name: programme.names[language],
    offers: t(`programmes.kinds.${programme.kind}.offers`),
    who: t(`programmes.kinds.${programme.kind}.who`),
    budgetLeft: format.money(programme.budget.remaining, programme.budget.currency),
    placesLeft: programme.budget.placesLeft,
    closingDate: typeof closingDate === 'string' ? format.date(closingDate) : undefined,
    warning: budgetWarning(programme),
  };
}

export const startPages = [
  definePage({
    method: 'get',
    path: '/',
    access: 'public',
    handle: async ({ app, language, t, format, render }) => {
      const programmes = await allProgrammes(app);
      render('pages/start.njk', { programmes: programmes.map((programme) => shown(programme, language, t, format)) });
    },
  }),
];

// Am I eligible? (issue 16, journey 1): every programme, of every kind, decided for the signed-in
// citizen today by the same service as POST /v1/programmes/:code/eligibility (each view stores a
// decision, as the API's does, so what the citizen was told can be read and replayed), with each
// reason in plain words, the fact, what was expected and what was found, and the date on which
// time alone makes them eligible. What to do next is chosen by the programme's kind.
import type { AppContext } from '../../../app-context.js';
import type { Principal } from '../../../auth/principal.js';
import { decideEligibility } from '../../../eligibility/eligibility.js';
import { AppError, notFound } from '../../../errors.js';
import { describeProgrammes, type ProgrammeKind } from '../../../programmes/programmes.js';
import type { Language } from '../../../shared/language.js';
import type { Formats } from '../../formats.js';
import type { Translate } from '../../i18n.js';
import { definePage } from '../../page.js';
import { reasonShown } from './eligibility-view.js';

type Programme = Awaited<ReturnType<typeof describeProgrammes>>['items'][number];
type Shown = { t: Translate; format: Formats; language: Language };

export async function allProgrammes(app: AppContext): Promise<Programme[]> {
  const programmes: Programme[] = [];
  let cursor: string | undefined;
  do {
    const page = await describeProgrammes(app, { limit: 500, cursor });
    programmes.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return programmes;
}

/** Where an eligible citizen goes on: a right claimed as it is, or (the kinds that pay for a course) a course to apply for. */
export const claimPathOf = (kind: ProgrammeKind, code: string) =>
  kind === 'course_grant' || kind === 'credit_lots' ? '/citizen/courses' : `/citizen/programmes/${code}/claim`;

async function decided(app: AppContext, user: Principal, programme: Programme, shown: Shown) {
  const { t, format, language } = shown;
  const base = { code: programme.code, name: programme.names[language], offers: t(`programmes.kinds.${programme.kind}.offers`) };
  if (!user.citizenId) throw notFound('Citizen');
  try {
    const decision = await decideEligibility(app, {
      citizenId: user.citizenId,
      programmeCode: programme.code,
      referenceDate: app.clock.today(),
      actor: user,
      language,
    });
    return {
      ...base,
      eligible: decision.eligible,
      reasons: decision.reasons.map((reason) => reasonShown(reason, shown)),
      nextEligibleOn: decision.nextEligibleOn ? format.date(decision.nextEligibleOn) : undefined,
      claimPath: claimPathOf(programme.kind, programme.code),
      decisionId: decision.decisionId,
    };
  } catch (error) {
    // A programme without rules in force today cannot be decided: say so, and go on with the others.
    if (error instanceof AppError && error.code === 'no_ruleset_in_force') return { ...base, undecided: true };
    throw error;
  }
}

export const eligibilityPages = [
  definePage({
    method: 'get',
    path: '/citizen/eligibility',
    access: ['citizen'],
    handle: async ({ app, user, t, format, language, render }) => {
      const shown = { t, format, language };
      const programmes = [];
      // One after another: each decision reads the rule set and facts, and a page holds a handful of programmes.
      for (const programme of await allProgrammes(app)) programmes.push(await decided(app, user, programme, shown));
      render('pages/citizen/eligibility/programmes.njk', { programmes, today: format.date(app.clock.today()) });
    },
  }),
];

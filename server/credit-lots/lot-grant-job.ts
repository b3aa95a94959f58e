// Scheduled: lots that come due after a citizen's first claim (a credit at an age, a campaign
// top-up window that opens) are granted to every citizen who holds a lot of the programme but not
// that one, once the rule set still finds them eligible on the day (the decision is kept, as at a
// claim). One citizen per transaction, their row locked like a claim's, so a job and a claim
// never grant a lot twice; a rerun finds nothing left to grant.
import type { AppContext } from '../app-context.js';
import { decideEligibility } from '../eligibility/eligibility.js';
import { AppError } from '../errors.js';
import { creditLotsParametersOf, parametersOn, type CreditLot } from '../programmes/programmes.js';
import { addYears } from '../shared/calendar.js';
import { grantDueLots } from './lot-grant.js';
import { creditLotsProgrammes, holdersWithoutLot, lockCitizen } from './lot-store.js';

const BATCH = 100;

const inWindow = (lot: CreditLot, today: string) =>
  (lot.grantedFrom === null || lot.grantedFrom <= today) && (lot.grantedUntil === null || today <= lot.grantedUntil);

export async function grantLotsComeDue(app: AppContext, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  let granted = 0;
  for (const code of await creditLotsProgrammes(app.sequelize)) {
    const values = await parametersOn(app.sequelize, code, today);
    if (!values) continue;
    const { lots } = creditLotsParametersOf(code, values, today);
    for (const lot of lots.filter((candidate) => inWindow(candidate, today))) {
      const bornOnOrBefore = lot.fromAge === null ? null : addYears(today, -lot.fromAge);
      let afterId = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const citizens = await holdersWithoutLot(app.sequelize, {
          programmeCode: code,
          lot: lot.lot,
          bornOnOrBefore,
          afterId,
          limit: BATCH,
        });
        for (const citizenId of citizens) granted += await grantTo(app, { code, citizenId, lots, today });
        if (citizens.length < BATCH) break;
        afterId = citizens[citizens.length - 1]!;
      }
    }
  }
  return granted;
}

async function grantTo(
  app: AppContext,
  grant: { code: string; citizenId: string; lots: readonly CreditLot[]; today: string },
): Promise<number> {
  return app.sequelize
    .transaction(async (t) => {
      const citizen = await lockCitizen(app.sequelize, grant.citizenId, t);
      if (!citizen) return 0;
      const decision = await decideEligibility(
        app,
        { citizenId: grant.citizenId, programmeCode: grant.code, referenceDate: grant.today, actor: { userId: null }, language: 'en' },
        t,
      );
      if (!decision.eligible) return 0;
      const request = {
        programmeCode: grant.code,
        citizenId: grant.citizenId,
        grantee: { birthDate: citizen.birthDate, groups: decision.groups ?? [] },
        lots: grant.lots,
        decisionId: decision.decisionId,
        today: grant.today,
      };
      return (await grantDueLots(app, request, t)).length;
    })
    .catch((error: unknown) => {
      // Out of budget: this citizen's lot waits for the budget to be funded again; the others go on.
      if (error instanceof AppError && error.code === 'budget_exhausted') return 0;
      throw error;
    });
}

// The Flemish interim regime for loopbaancheques (docs/design/domain.md, "Real changes"; the
// Flemish government decision of 18 July 2025): from 1 October 2025 until 31 December 2026 the
// right is one single cheque, only for people who meet the conditions and never had a cheque. It
// is loaded as an administrator would load it: Ada drafts the rule set of rules/lbc-interim-2025
// and asks for the parameter version (one cheque of 4 hours); both wait for Arno, the second
// administrator, who simulates the draft in the portal (/admin/rule-sets) before approving it.
// Until he does, the LBC decisions of today do not change. No rule or parameter may start in the
// past (decisions already made must stay explainable), so both start on the day of the first
// seeding at the earliest. A returning citizen, whose right started in 2018 (before this service
// kept the cheques), is eligible under the rules in force and the one the simulation shows refused.
// Each step first looks whether it is done, so a reseed adds nothing.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../server/app-context.js';
import type { Principal } from '../server/auth/principal.js';
import { queryRows } from '../server/db/database.js';
import type { SeedContext } from '../server/db/migrator.js';
import { loadRuleFiles } from '../server/eligibility/rule-files.js';
import { draftRuleSet } from '../server/eligibility/ruleset-service.js';
import { changeParameters } from '../server/programmes/programmes.js';
import { seedCitizens, type DemoCitizen } from './config-providers.js';
import { demoAdministrators, seedingApp, withSeedingLock } from './config-seeding.js';
import { LBC_RETURNING_LOGIN } from './demo-logins.js';

export const INTERIM_NOTE_PREFIX = 'Interim regime';

export const LBC_RETURNING: DemoCitizen = {
  login: LBC_RETURNING_LOGIN,
  nationalId: '79.05.21-123.68',
  facts: {
    residenceCountry: 'BE',
    residenceRegion: 'VLG',
    workRegion: 'VLG',
    employmentStatus: 'employee',
    birthDate: '1979-05-21',
    workExperienceDays: 5200,
  },
};

/** The right of 2018: recorded as history (it ended before this service kept cheques), so it moves no money. */
const EARLIER_RIGHT = { start: '2018-09-03', end: '2024-09-03' };

async function recordEarlierRight(app: AppContext) {
  await queryRows(
    app.sequelize,
    `INSERT INTO entitlements (citizen_id, programme_code, period_start, period_end)
     SELECT c.id, 'LBC', $2::date, $3::date FROM citizens c JOIN users u ON u.id = c.user_id
     WHERE u.email = $1 AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.citizen_id = c.id AND e.programme_code = 'LBC')`,
    [LBC_RETURNING.login.email, EARLIER_RIGHT.start, EARLIER_RIGHT.end],
  );
}

const interimFile = () => {
  const file = loadRuleFiles().find((candidate) => candidate.programmeCode === 'LBC' && candidate.draft);
  if (!file) throw new Error('rules/lbc-interim-2025 holds no draft rule set of LBC');
  return file;
};

async function draftInterimRules(app: AppContext, author: Principal, effectiveFrom: string) {
  const file = interimFile();
  const [done] = await queryRows<{ id: string }>(app.sequelize, `SELECT id FROM rule_sets WHERE programme_code = 'LBC' AND note = $1`, [
    file.note,
  ]);
  if (done) return;
  await draftRuleSet(
    app,
    author,
    'LBC',
    { rules: file.rules, parameters: file.parameters, testCases: file.testCases, note: file.note, effectiveFrom },
    `seed:${randomUUID()}`,
  );
}

/** One cheque of 4 hours: an hours change, so it waits for the second administrator. */
async function requestInterimParameters(app: AppContext, author: Principal, effectiveFrom: string) {
  const [done] = await queryRows<{ id: string }>(
    app.sequelize,
    `SELECT id::text FROM pending_changes WHERE kind = 'programme_parameters' AND target_id = 'LBC' AND payload->>'note' LIKE $1 || '%'
     UNION ALL SELECT id::text FROM programme_parameters WHERE programme_code = 'LBC' AND note LIKE $1 || '%'`,
    [INTERIM_NOTE_PREFIX],
  );
  if (done) return;
  await changeParameters(app, author, {
    code: 'LBC',
    effectiveFrom,
    values: { rightHours: '4.00', voucherHours: ['4.00'] },
    note: `${INTERIM_NOTE_PREFIX} until 31 December 2026: one single cheque of 4 hours (was 4 h + 3 h); the co-payment and fee changes are to be set when their amounts are published`,
    requestId: `seed:${randomUUID()}`,
  });
}

export async function up(context: SeedContext) {
  const app = seedingApp(context);
  await withSeedingLock(app, 'LBC interim', async () => {
    await seedCitizens(app, [LBC_RETURNING]);
    await recordEarlierRight(app);
    const { author } = await demoAdministrators(app);
    const today = app.clock.today();
    const file = interimFile();
    const effectiveFrom = file.effectiveFrom > today ? file.effectiveFrom : today;
    await draftInterimRules(app, author, effectiveFrom);
    await requestInterimParameters(app, author, effectiveFrom);
  });
}

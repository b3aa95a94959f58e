// Demo programmes opened by configuration, the way an administrator opens one (README, "Opening a
// programme"): through the services behind the endpoints, in process, with the two demo
// administrators as the two signatures of four eyes. Ada asks for the opening, drafts the rule set
// and asks for the budget; Arno approves each through the approvals component and the rule set
// service. Nothing here writes a programme row itself. Each step first looks whether it is done,
// so a reseed adds nothing, and a change left pending by an interrupted seed is approved, not
// asked for again. Seeders of several processes may run at once (the test suite seeds in parallel
// files), so a programme's seeding holds an advisory lock for its whole run.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { pino } from 'pino';
import type { Transaction } from 'sequelize';
import { accountsChangeAppliers } from '../server/accounts/accounts.js';
import { systemClock, type AppContext } from '../server/app-context.js';
import { approveChange } from '../server/approvals/approval-service.js';
import type { ChangeKind } from '../server/approvals/approvals.js';
import type { Principal } from '../server/auth/principal.js';
import { queryRows } from '../server/db/database.js';
import type { SeedContext } from '../server/db/migrator.js';
import { loadRuleFiles } from '../server/eligibility/rule-files.js';
import { approveRuleSet, draftRuleSet } from '../server/eligibility/ruleset-service.js';
import { fundOrRequest } from '../server/programmes/budget-service.js';
import { requestOpening } from '../server/programmes/programme-opening.js';
import { findProgramme, programmeBudget, programmeChangeAppliers, type ProgrammeKind } from '../server/programmes/programmes.js';
import { settlementChangeAppliers } from '../server/settlement/settlement.js';
import { DEMO_STAFF } from './demo-logins.js';

const APPLIERS = { ...programmeChangeAppliers, ...settlementChangeAppliers, ...accountsChangeAppliers };

export type ConfiguredProgramme = {
  code: string;
  kind: ProgrammeKind;
  names: { en: string; nl: string };
  currency: string;
  /** The first parameter version, from the day of the first seeding (`today`). */
  values: (today: string) => Record<string, unknown>;
  note: string;
  budget: string;
};

/** The seeders' services: the wall clock (seeding runs outside any request) and no log lines. */
export const seedingApp = ({ sequelize, config }: SeedContext): AppContext => ({
  sequelize,
  config,
  clock: systemClock,
  logger: pino({ level: 'silent' }),
});

/** The two demo administrators (seeders/20-demo-staff.ts) as principals: the requester and the approver. */
export async function demoAdministrators(app: AppContext): Promise<{ author: Principal; approver: Principal }> {
  const [author, approver] = await Promise.all(
    DEMO_STAFF.filter((login) => login.role === 'admin').map(async ({ email }) => {
      const [row] = await queryRows<{ id: string }>(app.sequelize, `SELECT id FROM users WHERE email = $1 AND role = 'admin'`, [email]);
      if (!row) throw new Error(`the demo administrator ${email} is not seeded`);
      return { userId: row.id, role: 'admin', email, centreId: null, citizenId: null } satisfies Principal;
    }),
  );
  if (!author || !approver) throw new Error('the demo needs two administrators for four eyes');
  return { author, approver };
}

/** Runs `work` while holding the programme's seeding lock (a transaction of its own holds it; the work uses others). */
export async function withSeedingLock<T>(app: AppContext, code: string, work: () => Promise<T>): Promise<T> {
  return app.sequelize.transaction(async (transaction) => {
    await queryRows(app.sequelize, `SELECT pg_advisory_xact_lock(hashtext('demo seeding ' || $1))`, [code], { transaction });
    return work();
  });
}

async function pendingChange(app: AppContext, kind: ChangeKind, target: string): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    app.sequelize,
    `SELECT id FROM pending_changes WHERE kind = $1 AND target_id = $2 AND status = 'pending'`,
    [kind, target],
  );
  return row?.id;
}

const approve = (app: AppContext, approver: Principal, id: string) =>
  app.sequelize.transaction((transaction: Transaction) =>
    approveChange({ app, actor: approver, id, requestId: `seed:${randomUUID()}` }, APPLIERS, transaction),
  );

async function openProgramme(app: AppContext, programme: ConfiguredProgramme, admins: { author: Principal; approver: Principal }) {
  if (await findProgramme(app.sequelize, programme.code)) return;
  const today = app.clock.today();
  const id =
    (await pendingChange(app, 'programme_opening', programme.code)) ??
    (
      await requestOpening(app, admins.author, {
        code: programme.code,
        kind: programme.kind,
        names: programme.names,
        currency: programme.currency,
        effectiveFrom: today,
        values: programme.values(today),
        note: programme.note,
        requestId: `seed:${randomUUID()}`,
      })
    ).id;
  await approve(app, admins.approver, id);
}

/** The programme's rules of rules/<code>/, drafted by one administrator and approved by the other, once. */
async function approveRules(app: AppContext, code: string, admins: { author: Principal; approver: Principal }) {
  const rows = await queryRows<{ id: string; state: string }>(
    app.sequelize,
    `SELECT id, state FROM rule_sets WHERE programme_code = $1 AND author_id = $2 ORDER BY version DESC`,
    [code, admins.author.userId],
  );
  if (rows.some((row) => row.state !== 'draft')) return;
  const file = loadRuleFiles().find((candidate) => candidate.programmeCode === code && candidate.configuration);
  if (!file) throw new Error(`rules/${code.toLowerCase()} holds no configuration rule set of ${code}`);
  const requestId = `seed:${randomUUID()}`;
  const today = app.clock.today();
  const draft =
    rows[0] ??
    (await draftRuleSet(
      app,
      admins.author,
      code,
      {
        rules: file.rules,
        parameters: file.parameters,
        testCases: file.testCases,
        note: file.note,
        // Rules apply from today at the earliest: a rule set never starts in the past.
        effectiveFrom: file.effectiveFrom > today ? file.effectiveFrom : today,
      },
      requestId,
    ));
  await approveRuleSet(app, admins.approver, draft.id, requestId);
}

/** The budget, funded once: above the one-signature threshold the funding waits for the approver. */
async function fundOnce(app: AppContext, programme: ConfiguredProgramme, admins: { author: Principal; approver: Principal }) {
  if ((await programmeBudget(app.sequelize, programme.code)).total.gt(0)) return;
  const pending = await pendingChange(app, 'budget_funding', programme.code);
  const requested = pending
    ? { pending: { id: pending } }
    : await app.sequelize.transaction((transaction) =>
        fundOrRequest(
          app,
          {
            code: programme.code,
            amount: new Decimal(programme.budget),
            note: `Demo: budget of ${programme.code}`,
            businessDate: app.clock.today(),
            actor: admins.author,
            requestId: `seed:${randomUUID()}`,
          },
          transaction,
        ),
      );
  if (requested.pending) await approve(app, admins.approver, requested.pending.id);
}

/** Opens the programme, approves its rule set and funds its budget: each step at most once. */
export async function seedConfiguredProgramme(app: AppContext, programme: ConfiguredProgramme) {
  const admins = await demoAdministrators(app);
  await openProgramme(app, programme, admins);
  await approveRules(app, programme.code, admins);
  await fundOnce(app, programme, admins);
}

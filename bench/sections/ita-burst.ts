// An opening burst like the Dutch STAP rounds: 20,000 eligible citizens claim an ITA at once
// (64 clients) against a budget for exactly 5,000 places (GBP 1,000,000 for a GBP 200 course).
// Exactly 5,000 must be funded, every other claim must get 409 budget_exhausted, not a cent
// may be overspent, and the ledger must verify afterwards.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { verifyLedger } from '../../server/ledger/ledger-verify.js';
import { programmeBudget } from '../../server/programmes/budget-read.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { benchCentre, benchCourse } from '../lib/actors.js';
import type { CpuSplit } from '../lib/cpu.js';
import { cpuBound, cpuText, fmt, type Section } from '../lib/context.js';
import { summarise } from '../lib/load.js';
import { britishPerson, eligibleItaFacts, insertCitizens } from '../lib/population.js';

const CLAIMANTS = 20_000;
const PLACES = 5_000;
const CLIENTS = 64;
const PRICE = new Decimal('200.00');

export const itaBurstSection: Section = {
  name: 'ita-burst',
  run: async (context) => {
    const { sequelize } = context;
    const before = await programmeBudget(sequelize, 'ITA');
    const budget = PRICE.times(PLACES);
    // Topped up to exactly 5,000 places, whatever an earlier section left in it.
    const topUp = budget.minus(before.remaining);
    if (topUp.lt(0)) throw new Error(`the ITA budget already holds ${before.remaining.toFixed(2)}, more than ${PLACES} places`);
    if (topUp.gt(0))
      await fundBudget(sequelize, {
        code: 'ITA',
        amount: topUp,
        note: 'bench: 5,000 places',
        businessDate: context.today,
        actor: { userId: null, role: 'system' },
      });
    const provider = await benchCentre(sequelize, context.service.config, 'ITA', context.today);
    const courseId = await benchCourse(sequelize, provider.id, 'ITA', PRICE.toFixed(2));
    const people = Array.from({ length: CLAIMANTS }, (_, i) => britishPerson(eligibleItaFacts(i, context.today)));
    const queue = await insertCitizens(sequelize, context.service.config, 'burst', people, context.today);
    context.print(`  (set-up: ${CLAIMANTS} eligible citizens, GBP ${budget.toFixed(2)} for ${PLACES} places at GBP ${PRICE.toFixed(2)})`);

    // While places are left every claim queues for the budget and places rows; after that the
    // refusals contend for nothing. Both phases are reported, split at the last funded answer.
    const answers: { at: number; latency: number }[] = [];
    let lastFundedAt = 0;
    const outcomes = new Map<string, number>();
    await context.settle();
    const cpu = context.cpu();
    // CPU of each phase too: taken when the last place is funded (a few refusals answered just
    // before it count with the funding phase).
    let fundingCpu: ReturnType<typeof cpu> | undefined;
    let afterCpu = cpu;
    const started = performance.now();
    const worker = async () => {
      for (let citizen = queue.pop(); citizen; citizen = queue.pop()) {
        const sent = performance.now();
        const answer = await context.http.post('/v1/programmes/ITA/claims', {
          token: citizen.token,
          idempotencyKey: randomUUID(),
          body: { courseId },
        });
        const answered = performance.now();
        answers.push({ at: answered, latency: answered - sent });
        if (answer.status === 201) {
          lastFundedAt = answered;
          if (outcomes.get('201') === PLACES - 1) {
            fundingCpu = cpu();
            afterCpu = context.cpu();
          }
        }
        const outcome = `${answer.status} ${String((answer.body as { code?: string } | undefined)?.code ?? '')}`.trim();
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, worker));
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpu();
    const phaseCpu = [fundingCpu, fundingCpu ? afterCpu() : undefined];
    const result = summarise(
      CLIENTS,
      answers.map((answer) => answer.latency),
      0,
      seconds,
    );

    const funded = outcomes.get('201') ?? 0;
    const refused = outcomes.get('409 budget_exhausted') ?? 0;
    const after = await programmeBudget(sequelize, 'ITA');
    const verified = await verifyLedger(sequelize);
    const exact = funded === PLACES && refused === CLAIMANTS - PLACES && after.remaining.eq(0) && verified.ok;
    context.print(
      `  claims_per_s=${fmt(result.tps)}  p50=${fmt(result.p50, 1)}ms  p99=${fmt(result.p99, 1)}ms  (${CLAIMANTS} claims in ${fmt(seconds, 1)} s, ${CLIENTS} clients)`,
    );
    const fundingSeconds = (lastFundedAt - started) / 1000;
    const phases = [
      ['until the last place', answers.filter((answer) => answer.at <= lastFundedAt), fundingSeconds],
      ['after it', answers.filter((answer) => answer.at > lastFundedAt), seconds - fundingSeconds],
    ] as const;
    const perClaim = (split: CpuSplit, claims: number): CpuSplit => ({
      service: (split.service * 1000) / claims,
      database: (split.database * 1000) / claims,
      bench: (split.bench * 1000) / claims,
    });
    phases.forEach(([phase, phaseAnswers, phaseSeconds], i) => {
      const summary = summarise(
        CLIENTS,
        phaseAnswers.map((answer) => answer.latency),
        0,
        phaseSeconds,
      );
      const split = phaseCpu[i];
      const cpuPerClaim = split && perClaim(split, summary.operations);
      context.print(
        `    ${phase}: ${summary.operations} claims at ${fmt(summary.tps)}/s, p50=${fmt(summary.p50, 1)}ms p99=${fmt(summary.p99, 1)}ms${cpuPerClaim ? `; cpu/claim ${cpuText(cpuPerClaim)}` : ''}`,
      );
      if (cpuPerClaim) context.print(`      ${cpuBound(cpuPerClaim, CLIENTS)}`);
    });
    context.print(`  cpu/claim: ${cpuText(perClaim(cpuSeconds, CLAIMANTS))}`);
    context.print(`  outcomes: ${[...outcomes].map(([outcome, count]) => `${outcome}: ${count}`).join(', ')}`);
    context.print(
      `  budget left: GBP ${after.remaining.toFixed(2)}; ledger verified: ${verified.ok}; ${exact ? 'EXACT: 5,000 funded, the rest refused, nothing overspent' : 'NOT EXACT'}`,
    );
    if (!exact) process.exitCode = 1;
  },
};

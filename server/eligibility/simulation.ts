// What a rule set would change: every citizen is evaluated with it and with the rules in force
// on the same reference date, and those who would newly qualify or be refused are counted, with
// a few examples. Facts are read in batches (one query per 1,000 citizens), and the next batch is
// fetched while the current one is evaluated; nothing is stored.
import type { AppContext } from '../app-context.js';
import { notFound } from '../errors.js';
import { compiledRuleSet, type CompiledRuleSet } from './compiled-rule-set.js';
import { evaluateRuleSet } from './evaluate.js';
import { gatherBatch, sharedFacts } from './fact-store.js';
import { findRuleSet, ruleSetInForce, toRecord } from './ruleset-store.js';

const BATCH = 1000;
const EXAMPLES_PER_KIND = 5;

type Example = { citizenId: string; change: 'newly_eligible' | 'newly_ineligible'; reasonsNow: string[]; reasonsWithDraft: string[] };

export async function simulateRuleSet(app: AppContext, id: string, referenceDate: string) {
  const row = await findRuleSet(app.sequelize, id);
  if (!row) throw notFound('Rule set');
  const draft = compiledRuleSet(toRecord(row));
  const currentRow = await ruleSetInForce(app.sequelize, row.programme_code, referenceDate);
  const current = currentRow ? compiledRuleSet(toRecord(currentRow)) : undefined;
  const shared = { ...(await sharedFacts(app.sequelize, draft)), ...(current ? await sharedFacts(app.sequelize, current) : {}) };
  const counts = { evaluated: 0, eligibleNow: 0, eligibleWithDraft: 0, newlyEligible: 0, newlyIneligible: 0 };
  const examples: Example[] = [];
  const started = process.hrtime.bigint();
  const fetch = (afterId: string | undefined) =>
    gatherBatch(app.sequelize, { programmeCode: row.programme_code, referenceDate, afterId, limit: BATCH, shared });
  let batch = await fetch(undefined);
  while (batch.length > 0) {
    const next = batch.length === BATCH ? fetch(batch[batch.length - 1]!.id) : Promise.resolve([]);
    for (const citizen of batch) await compare(citizen, draft, current, referenceDate, counts, examples);
    batch = await next;
  }
  return {
    ruleSet: { id: draft.id, version: draft.version },
    comparedWith: current ? { id: current.id, version: current.version } : null,
    referenceDate,
    ...counts,
    examples,
    durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
  };
}

async function compare(
  citizen: { id: string; facts: Record<string, unknown> },
  draft: CompiledRuleSet,
  current: CompiledRuleSet | undefined,
  referenceDate: string,
  counts: { evaluated: number; eligibleNow: number; eligibleWithDraft: number; newlyEligible: number; newlyIneligible: number },
  examples: Example[],
) {
  const withDraft = await evaluateRuleSet(draft, citizen.facts, referenceDate);
  const now = current ? await evaluateRuleSet(current, citizen.facts, referenceDate) : { eligible: false, reasons: [] };
  counts.evaluated += 1;
  if (now.eligible) counts.eligibleNow += 1;
  if (withDraft.eligible) counts.eligibleWithDraft += 1;
  if (now.eligible === withDraft.eligible) return;
  const change = withDraft.eligible ? 'newly_eligible' : 'newly_ineligible';
  if (change === 'newly_eligible') counts.newlyEligible += 1;
  else counts.newlyIneligible += 1;
  if (examples.filter((example) => example.change === change).length < EXAMPLES_PER_KIND) {
    examples.push({
      citizenId: citizen.id,
      change,
      reasonsNow: now.reasons.map((r) => r.code),
      reasonsWithDraft: withDraft.reasons.map((r) => r.code),
    });
  }
}

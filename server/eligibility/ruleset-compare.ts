// Two versions of a programme's rules and what changed between them (ruleset-diff.ts), for the
// administrator who approves a draft and the auditor who reads why decisions changed: a version
// against the one named, or by default against the version before it. The older one is on the left.
import type { AppContext } from '../app-context.js';
import { notFound } from '../errors.js';
import { diffRuleSets } from './ruleset-diff.js';
import { readRuleSet } from './ruleset-service.js';
import { findRuleSet, listRuleSets } from './ruleset-store.js';

export type RuleSetDetail = Awaited<ReturnType<typeof readRuleSet>>;

/** Undefined when the programme has no other version to compare with; 404 for an unknown one or another programme's. */
export async function compareRuleSets(app: AppContext, id: string, withId?: string) {
  const ruleSet = await readRuleSet(app, id);
  const otherId = withId ?? (await listRuleSets(app.sequelize, ruleSet.programme, { beforeVersion: ruleSet.version, limit: 1 }))[0]?.id;
  if (otherId === undefined) return undefined;
  const found = await findRuleSet(app.sequelize, otherId);
  if (!found || found.programme_code !== ruleSet.programme || found.id === ruleSet.id) throw notFound('Rule set to compare with');
  const other = await readRuleSet(app, otherId);
  const [older, newer] = other.version > ruleSet.version ? [ruleSet, other] : [other, ruleSet];
  return { older, newer, diff: diffRuleSets(older, newer) };
}

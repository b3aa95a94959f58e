// Runs one rule set over one citizen's facts at a reference date and turns the engine's result
// into reasons. A rule states a requirement; each unmet requirement gives one reason naming the
// condition that failed (fact, operator, expected, actual), and every absent fact the failed
// requirement needed gives a `fact_missing` reason: a missing fact never passes silently.
import { Engine, Fact, type EngineOptions, type RuleResult } from 'json-rules-engine';
import type { CompiledRuleSet, Messages } from './compiled-rule-set.js';
import { deriveFacts, sourcesOf, type FactValues } from './fact-registry.js';
import { ENGINE_OPERATORS } from './operators.js';

export type Reason = {
  code: string;
  fact: string | null;
  operator: string | null;
  expected: unknown;
  actual: unknown;
  /** For fact_missing: the code of the requirement that could not be checked. */
  requirement?: string;
  messages: Messages;
};

/** `groups`: the groups whose rules the citizen matched, in rule order. */
export type Evaluation = { eligible: boolean; reasons: Reason[]; facts: FactValues; groups: string[] };

type Leaf = {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  result?: boolean;
  factResult?: unknown;
  valueResult?: unknown;
};
type Node = { all?: Node[]; any?: Node[]; result?: boolean } & Partial<Leaf>;
type Explained = { ok: boolean; progress: number; failing: Leaf[] };

const ENGINE_OPTIONS: EngineOptions = {
  allowUndefinedFacts: true,
  allowUndefinedConditions: false,
  // Paths are validated to "$.field" on save; resolving them directly avoids JSONPath entirely.
  pathResolver: (value, path) => (value as Record<string, unknown>)[path.slice(2)],
};

const MISSING: Messages = {
  en: 'The fact {fact} is not recorded, so the requirement "{requirement}" cannot be checked.',
  nl: 'Het gegeven {fact} is niet geregistreerd, dus de voorwaarde "{requirement}" kan niet worden nagegaan.',
};

/** Evaluates with derived facts computed at `referenceDate` from the base facts given. */
export async function evaluateRuleSet(ruleSet: CompiledRuleSet, base: FactValues, referenceDate: string): Promise<Evaluation> {
  const facts: FactValues = { ...base, ...deriveFacts(base, referenceDate) };
  const engine = new Engine(ruleSet.rules, ENGINE_OPTIONS);
  for (const operator of ENGINE_OPERATORS) engine.addOperator(operator);
  // Constant facts need no result cache (its keys are hashed on every read).
  const runtime: Record<string, Fact> = {};
  for (const name of ruleSet.facts) runtime[name] = new Fact(name, facts[name], { cache: false });
  const { failureResults, results } = await engine.run(runtime);
  const order = (a: RuleResult, b: RuleResult) => (ruleSet.byName.get(a.name)?.index ?? 0) - (ruleSet.byName.get(b.name)?.index ?? 0);
  const isGroup = (result: RuleResult) => ruleSet.byName.get(result.name)?.group !== undefined;
  // A group rule that does not match only leaves the citizen out of its group.
  const failed = failureResults.filter((result) => !isGroup(result)).sort(order);
  const groups = results
    .filter(isGroup)
    .sort(order)
    .map((result) => ruleSet.byName.get(result.name)?.group ?? '');
  const reasons = failed.flatMap((result) => reasonsFor(ruleSet, result, facts));
  return { eligible: failed.length === 0, reasons, facts, groups };
}

/**
 * Which condition explains a failed requirement. `progress` counts the conditions met, in
 * order, before the first that failed: of the alternatives of an `any`, the one that got
 * furthest is the one the citizen was on (an employee refused on income, not on "is not
 * self-employed"); on a tie, one whose fact is known says more than one that is absent.
 */
function explain(node: Node): Explained {
  const group = node.all ?? node.any;
  if (!group) {
    if (node.result === true) return { ok: true, progress: 1, failing: [] };
    return { ok: false, progress: 0, failing: node.result === false ? [node as Leaf] : [] };
  }
  const children = group.map(explain);
  if (node.all) {
    let progress = 0;
    for (const child of children) {
      progress += child.progress;
      if (!child.ok) return { ok: false, progress, failing: child.failing };
    }
    return { ok: true, progress, failing: [] };
  }
  const score = (child: Explained) => child.progress * 2 + (child.failing[0]?.factResult !== undefined ? 1 : 0);
  const best = children.reduce((a, b) => (a.ok ? a : b.ok || score(b) > score(a) ? b : a));
  return best.ok ? { ok: true, progress: best.progress, failing: [] } : best;
}

/** Absent facts inside the parts of the rule that failed (a satisfied alternative needs none). */
function missingLeaves(node: Node, into: Leaf[] = []): Leaf[] {
  if (node.result === true) return into;
  for (const child of node.all ?? node.any ?? []) missingLeaves(child, into);
  if (!node.all && !node.any && node.result === false && node.factResult === undefined) into.push(node as Leaf);
  return into;
}

const factName = (leaf: Leaf) => (leaf.path ? `${leaf.fact}.${leaf.path.slice(2)}` : leaf.fact);

function reasonsFor(ruleSet: CompiledRuleSet, result: RuleResult, facts: FactValues): Reason[] {
  const rule = ruleSet.byName.get(result.name);
  const code = rule?.code ?? 'requirement_not_met';
  const messages = rule?.messages ?? { en: 'A requirement is not met.', nl: 'Er is niet aan een voorwaarde voldaan.' };
  const root = result.conditions as Node;
  const [leaf] = explain(root).failing;
  const missing = new Set(missingLeaves(root).flatMap((missingLeaf) => sourcesOf(missingLeaf.fact, facts)));
  const reasons: Reason[] = [];
  if (leaf && leaf.factResult !== undefined) {
    const expected = leaf.valueResult ?? leaf.value;
    reasons.push({
      code,
      fact: factName(leaf),
      operator: leaf.operator,
      expected,
      actual: leaf.factResult,
      messages: fill(messages, { expected, actual: leaf.factResult }),
    });
  } else if (!leaf || missing.size === 0) {
    reasons.push({ code, fact: null, operator: null, expected: null, actual: null, messages });
  }
  for (const fact of missing) {
    const source = leaf && sourcesOf(leaf.fact, facts).includes(fact) ? leaf : undefined;
    reasons.push({
      code: 'fact_missing',
      fact,
      operator: source?.operator ?? null,
      expected: source ? (source.valueResult ?? source.value) : null,
      actual: null,
      requirement: code,
      messages: fill(MISSING, { fact, requirement: code }),
    });
  }
  return reasons;
}

const show = (value: unknown): string => {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.map(show).join(', ');
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return JSON.stringify(value) ?? '-';
  }
};

function fill(messages: Messages, values: Record<string, unknown>): Messages {
  const render = (text: string) => text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? show(values[key]) : whole));
  return { en: render(messages.en), nl: render(messages.nl) };
}

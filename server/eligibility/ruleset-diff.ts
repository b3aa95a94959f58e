// What changed between two versions of a programme's rules, for the administrator who approves a
// draft: rules added or removed (by name), and within a rule kept by name its conditions added,
// removed or changed (by their place in the rule, as a JSON pointer below the rule's conditions)
// and its event; parameters added, removed or changed. Values are compared as JSON.

type Json = Record<string, unknown>;
export type Change<T> = { at: string; before: T | undefined; after: T | undefined };
export type RuleDiff = {
  name: string;
  conditions: Change<unknown>[];
  event: Change<unknown> | undefined;
};
export type RuleSetDiff = {
  rulesAdded: string[];
  rulesRemoved: string[];
  rulesChanged: RuleDiff[];
  parameters: Change<unknown>[];
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The conditions of a group, by their pointer below the rule's `conditions` (e.g. "/all/1/any/0"). */
function leavesOf(node: unknown, at = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (!isObject(node)) return leaves;
  const kind = 'all' in node ? 'all' : 'any' in node ? 'any' : undefined;
  const children = kind ? node[kind] : undefined;
  if (!kind || !Array.isArray(children)) return leaves;
  children.forEach((child, index) => {
    const pointer = `${at}/${kind}/${index}`;
    if (isObject(child) && ('all' in child || 'any' in child)) for (const [key, leaf] of leavesOf(child, pointer)) leaves.set(key, leaf);
    else leaves.set(pointer, child);
  });
  return leaves;
}

function changes(before: Map<string, unknown>, after: Map<string, unknown>): Change<unknown>[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys
    .filter((key) => !same(before.get(key), after.get(key)))
    .map((key) => ({ at: key, before: before.get(key), after: after.get(key) }));
}

const rulesByName = (rules: readonly unknown[]) =>
  new Map(rules.filter(isObject).map((rule) => [typeof rule.name === 'string' ? rule.name : JSON.stringify(rule), rule]));

export function diffRuleSets(
  older: { rules: readonly unknown[]; parameters: Json },
  newer: { rules: readonly unknown[]; parameters: Json },
): RuleSetDiff {
  const before = rulesByName(older.rules);
  const after = rulesByName(newer.rules);
  const rulesChanged: RuleDiff[] = [];
  for (const [name, rule] of after) {
    const old = before.get(name);
    if (!old) continue;
    const conditions = changes(leavesOf(old.conditions), leavesOf(rule.conditions));
    const event = same(old.event, rule.event) ? undefined : { at: '/event', before: old.event, after: rule.event };
    if (conditions.length > 0 || event) rulesChanged.push({ name, conditions, event });
  }
  return {
    rulesAdded: [...after.keys()].filter((name) => !before.has(name)),
    rulesRemoved: [...before.keys()].filter((name) => !after.has(name)),
    rulesChanged,
    parameters: changes(new Map(Object.entries(older.parameters)), new Map(Object.entries(newer.parameters))).map((change) => ({
      ...change,
      at: `/parameters/${change.at}`,
    })),
  };
}

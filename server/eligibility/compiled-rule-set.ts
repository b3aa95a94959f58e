// A rule set ready to run: parameter references replaced by their values, the facts it names
// listed, its reasons' messages at hand. Compiled once per stored version (approved ones never
// change; a draft's key includes its last edit), then shared read-only: each decision still builds
// its own Engine from these plain objects (a shared Engine is not safe under concurrency).
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { GATHERED_FACTS, FACTS } from './fact-registry.js';

export type Messages = { en: string; nl: string };

export type RuleSetRecord = {
  id: string;
  programmeCode: string;
  version: number;
  effectiveFrom: string;
  rules: unknown[];
  parameters: Record<string, unknown>;
  /** Changes on every edit of a draft; part of the cache key. */
  revision: string;
};

/** A requirement (`code`, `messages`), or a group rule that puts the citizens it matches in `group`. */
export type CompiledRule = { name: string; index: number; code: string; messages: Messages; group?: string };

export type CompiledRuleSet = {
  id: string;
  version: number;
  programmeCode: string;
  effectiveFrom: string;
  rules: RuleProperties[];
  byName: ReadonlyMap<string, CompiledRule>;
  /** The groups its group rules define (none for a rule set of requirements only). */
  groups: readonly string[];
  /** Facts the rules name, with the inputs of derived ones: only these are gathered and passed. */
  facts: readonly string[];
  gathered: readonly string[];
};

type Node = Record<string, unknown>;

function resolve(node: Node, parameters: Record<string, unknown>, facts: Set<string>): Node {
  for (const kind of ['all', 'any'] as const) {
    const children = node[kind];
    if (Array.isArray(children)) return { [kind]: children.map((child: Node) => resolve(child, parameters, facts)) };
  }
  const fact = String(node.fact);
  facts.add(fact);
  for (const source of FACTS[fact]?.from ?? []) facts.add(source);
  const value = node.value;
  const resolved = typeof value === 'object' && value !== null && !Array.isArray(value) ? parameters[String((value as Node).param)] : value;
  return { fact, operator: node.operator, value: resolved, ...(node.path === undefined ? {} : { path: node.path }) };
}

/** Assumes a document that passed validateRuleSet (it is validated before it is stored). */
export function compileRuleSet(record: RuleSetRecord): CompiledRuleSet {
  const facts = new Set<string>();
  const byName = new Map<string, CompiledRule>();
  const rules = record.rules.map((raw, index) => {
    const rule = raw as Node & { event: { type: string; params: { code: string; message: Messages; group: string } } };
    const name = String(rule.name);
    const { type, params } = rule.event;
    byName.set(
      name,
      type === 'group'
        ? { name, index, code: `group_${params.group}`, messages: { en: params.group, nl: params.group }, group: params.group }
        : { name, index, code: params.code, messages: params.message },
    );
    return {
      name,
      priority: typeof rule.priority === 'number' ? rule.priority : 1,
      conditions: resolve(rule.conditions as Node, record.parameters, facts) as TopLevelCondition,
      event: type === 'group' ? { type, params: { group: params.group } } : { type, params: { code: params.code } },
    } satisfies RuleProperties;
  });
  return {
    id: record.id,
    version: record.version,
    programmeCode: record.programmeCode,
    effectiveFrom: record.effectiveFrom,
    rules,
    byName,
    groups: [...new Set([...byName.values()].flatMap((compiled) => (compiled.group ? [compiled.group] : [])))],
    facts: [...facts],
    gathered: GATHERED_FACTS.filter((name) => facts.has(name)),
  };
}

const cache = new Map<string, CompiledRuleSet>();
const CACHE_LIMIT = 500;

/** The compiled version when this process has it already (a decision then needs no rule read). */
export function cachedRuleSet(id: string, revision: string): CompiledRuleSet | undefined {
  return cache.get(`${id}@${revision}`);
}

export function compiledRuleSet(record: RuleSetRecord): CompiledRuleSet {
  const key = `${record.id}@${record.revision}`;
  let compiled = cache.get(key);
  if (!compiled) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    compiled = compileRuleSet(record);
    cache.set(key, compiled);
  }
  return compiled;
}

// Validates a rule set written by an administrator before it is saved: only the keys we know,
// only registered facts and operators, `path` limited to one named field of an object fact,
// values that fit the fact's type, parameters that exist and that a condition uses, and bounded
// size and depth. Every problem is reported with a JSON pointer into the request body (e.g.
// /rules/2/conditions/all/0/fact).
import type { FieldError } from '../errors.js';
import { FACT_FIELDS, FACTS, RULE_FACTS, type FactType } from './fact-registry.js';
import { fitsType, OPERATORS } from './operators.js';

export const LIMITS = { rules: 50, children: 20, depth: 4, leaves: 200, parameters: 50, list: 100, text: 300 };
const NAME = /^[A-Za-z][A-Za-z0-9_ -]{0,99}$/;
const CODE = /^[a-z][a-z0-9_]{1,63}$/;
const PARAM = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const PATH = /^\$\.([A-Za-z]{1,40})$/;

type Json = Record<string, unknown>;
/** The rule set's parameters, and the names its conditions use. */
type Parameters = { values: Json; used: Set<string> };
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

class Problems {
  readonly errors: FieldError[] = [];
  add(path: string, message: string) {
    if (this.errors.length < 100) this.errors.push({ path, message });
  }
  keys(value: Json, path: string, allowed: readonly string[], required: readonly string[] = allowed) {
    for (const key of Object.keys(value))
      if (!allowed.includes(key)) this.add(`${path}/${key}`, `unknown key; allowed: ${allowed.join(', ')}`);
    for (const key of required) if (!(key in value)) this.add(`${path}/${key}`, 'is required');
  }
}

export function validateParameters(parameters: unknown, problems = new Problems()): FieldError[] {
  if (!isObject(parameters)) {
    problems.add('/parameters', 'must be an object of named values');
    return problems.errors;
  }
  const entries = Object.entries(parameters);
  if (entries.length > LIMITS.parameters) problems.add('/parameters', `at most ${LIMITS.parameters} parameters`);
  for (const [name, value] of entries) {
    const path = `/parameters/${name}`;
    if (!PARAM.test(name)) problems.add(path, 'a parameter name is letters, digits and _');
    const items = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && value.length > LIMITS.list) problems.add(path, `at most ${LIMITS.list} items`);
    if (!items.every((item) => (typeof item === 'string' && item.length <= 200) || Number.isInteger(item) || typeof item === 'boolean')) {
      problems.add(path, 'must be a string (decimals as "22000.00", periods as "P6Y"), an integer, a boolean, or a list of them');
    }
  }
  return problems.errors;
}

export function validateRules(rules: unknown, parameters: Json, problems = new Problems()): FieldError[] {
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > LIMITS.rules) {
    problems.add('/rules', `must be a list of 1 to ${LIMITS.rules} rules`);
    return problems.errors;
  }
  const names = new Set<string>();
  const budget = { leaves: 0 };
  const params: Parameters = { values: parameters, used: new Set() };
  rules.forEach((rule, index) => {
    const path = `/rules/${index}`;
    if (!isObject(rule)) return problems.add(path, 'must be a rule object');
    problems.keys(rule, path, ['name', 'priority', 'conditions', 'event'], ['name', 'conditions', 'event']);
    if (typeof rule.name !== 'string' || !NAME.test(rule.name))
      problems.add(`${path}/name`, 'must be a name of 1-100 letters, digits, spaces, - or _');
    else if (names.has(rule.name)) problems.add(`${path}/name`, 'is used by another rule of this set');
    else names.add(rule.name);
    if (
      rule.priority !== undefined &&
      !(Number.isInteger(rule.priority) && (rule.priority as number) >= 1 && (rule.priority as number) <= 100)
    ) {
      problems.add(`${path}/priority`, 'must be an integer from 1 to 100');
    }
    if ('conditions' in rule) checkGroup(rule.conditions, `${path}/conditions`, 1, params, problems, budget);
    if ('event' in rule) checkEvent(rule.event, `${path}/event`, problems);
  });
  if (budget.leaves > LIMITS.leaves) problems.add('/rules', `at most ${LIMITS.leaves} conditions in a rule set`);
  // A value no condition reads would look in force to whoever edits it, and change nothing.
  // Only said of rules that are otherwise sound: a broken condition may be the one meant to use it.
  if (problems.errors.length === 0) {
    for (const name of Object.keys(parameters))
      if (!params.used.has(name)) problems.add(`/parameters/${name}`, 'no condition uses this parameter');
  }
  return problems.errors;
}

const GROUP = /^[a-z][a-z0-9_]{1,39}$/;

function checkEvent(event: unknown, path: string, problems: Problems) {
  if (!isObject(event)) return problems.add(path, 'must be { "type": "requirement", "params": { "code", "message": { "en", "nl" } } }');
  problems.keys(event, path, ['type', 'params']);
  // A group rule puts the citizens it matches in a named group (a boosted accrual, an exemption); it never refuses anyone.
  if (event.type === 'group') return checkGroupEvent(event.params, `${path}/params`, problems);
  if (event.type !== 'requirement')
    problems.add(
      `${path}/type`,
      'must be "requirement" (its code is the reason when unmet) or "group" (the citizens it matches join params.group)',
    );
  const params = event.params;
  if (!isObject(params)) return problems.add(`${path}/params`, 'must be { "code", "message": { "en", "nl" } }');
  problems.keys(params, `${path}/params`, ['code', 'message']);
  if (typeof params.code !== 'string' || !CODE.test(params.code)) problems.add(`${path}/params/code`, 'must be a snake_case reason code');
  const message = params.message;
  if (!isObject(message)) return problems.add(`${path}/params/message`, 'must give the reason in English and Dutch: { "en", "nl" }');
  problems.keys(message, `${path}/params/message`, ['en', 'nl'], []);
  for (const language of ['en', 'nl'] as const) {
    const text = message[language];
    if (typeof text !== 'string' || text.trim() === '' || text.length > LIMITS.text)
      problems.add(`${path}/params/message/${language}`, `must be a text of 1-${LIMITS.text} characters`);
  }
}

function checkGroupEvent(params: unknown, path: string, problems: Problems) {
  if (!isObject(params)) return problems.add(path, 'must be { "group" }');
  problems.keys(params, path, ['group']);
  if (typeof params.group !== 'string' || !GROUP.test(params.group))
    problems.add(`${path}/group`, 'must be a group name such as low_qualified');
}

function checkGroup(node: unknown, path: string, depth: number, parameters: Parameters, problems: Problems, budget: { leaves: number }) {
  if (!isObject(node)) return problems.add(path, 'must be { "all": [...] } or { "any": [...] }');
  const kind = 'all' in node ? 'all' : 'any' in node ? 'any' : undefined;
  if (!kind)
    return problems.add(
      path,
      'must be { "all": [...] } or { "any": [...] } ("not" and named conditions are not allowed: a missing fact must never pass)',
    );
  problems.keys(node, path, [kind]);
  const children = node[kind];
  if (!Array.isArray(children) || children.length === 0 || children.length > LIMITS.children) {
    return problems.add(`${path}/${kind}`, `must be a list of 1 to ${LIMITS.children} conditions`);
  }
  children.forEach((child, index) => {
    const childPath = `${path}/${kind}/${index}`;
    if (isObject(child) && ('all' in child || 'any' in child)) {
      if (depth >= LIMITS.depth) problems.add(childPath, `conditions nest at most ${LIMITS.depth} levels deep`);
      else checkGroup(child, childPath, depth + 1, parameters, problems, budget);
    } else {
      budget.leaves += 1;
      checkLeaf(child, childPath, parameters, problems);
    }
  });
}

function checkLeaf(leaf: unknown, path: string, parameters: Parameters, problems: Problems) {
  if (!isObject(leaf)) return problems.add(path, 'must be a condition { "fact", "operator", "value" } or a group');
  problems.keys(leaf, path, ['fact', 'operator', 'value', 'path'], ['fact', 'operator', 'value']);
  const fact = typeof leaf.fact === 'string' ? FACTS[leaf.fact] : undefined;
  if (!fact) return problems.add(`${path}/fact`, `unknown fact; known facts: ${RULE_FACTS.join(', ')}`);
  if (fact.statisticsOnly) return problems.add(`${path}/fact`, 'is recorded for reach statistics only: no rule may decide on it');
  let type: FactType | undefined = fact.type;
  if (leaf.path !== undefined) {
    const field = typeof leaf.path === 'string' ? PATH.exec(leaf.path)?.[1] : undefined;
    const fields = FACT_FIELDS[fact.type];
    type = field && fields ? fields[field] : undefined;
    if (!type) {
      const allowed = fields
        ? Object.keys(fields)
            .map((name) => `$.${name}`)
            .join(', ')
        : 'none for this fact';
      return problems.add(`${path}/path`, `only one field of an object fact may be named; allowed: ${allowed}`);
    }
  }
  const operator = typeof leaf.operator === 'string' && Object.hasOwn(OPERATORS, leaf.operator) ? OPERATORS[leaf.operator] : undefined;
  if (!operator) return problems.add(`${path}/operator`, `unknown operator; known operators: ${Object.keys(OPERATORS).join(', ')}`);
  if (!operator.accepts.includes(type)) return problems.add(`${path}/operator`, `does not apply to a ${type} fact`);
  let value = leaf.value;
  let valuePath = `${path}/value`;
  if (isObject(value)) {
    problems.keys(value, valuePath, ['param']);
    if (typeof value.param !== 'string' || !Object.hasOwn(parameters.values, value.param))
      return problems.add(`${valuePath}/param`, 'names no parameter of this rule set');
    parameters.used.add(value.param);
    valuePath = `/parameters/${value.param}`;
    value = parameters.values[value.param];
  }
  const fits = (item: unknown) => fitsType(type === 'stringList' ? 'string' : type, item);
  const ok =
    operator.value === 'list'
      ? Array.isArray(value) && value.length > 0 && value.every(fits)
      : operator.value === 'element'
        ? fits(value)
        : fits(value) || (value === null && fact.nullable && ['equal', 'notEqual'].includes(leaf.operator as string));
  if (!ok)
    problems.add(
      valuePath,
      `must be ${operator.value === 'list' ? 'a non-empty list of' : 'a'} ${type === 'stringList' ? 'string' : type} value${operator.value === 'list' ? 's' : ''} for ${String(leaf.operator)}`,
    );
}

export function validateRuleSet(document: { rules: unknown; parameters: unknown }): FieldError[] {
  const problems = new Problems();
  validateParameters(document.parameters, problems);
  if (problems.errors.length > 0) return problems.errors;
  return validateRules(document.rules, document.parameters as Json, problems);
}

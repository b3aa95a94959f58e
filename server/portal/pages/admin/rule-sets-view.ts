// The rule set editor's form, built from the rule structure: every condition of every rule as a
// row (fact, operator and value, the value typed by the fact), each rule's reason, and the
// parameters as fields. A field's name is the JSON pointer of what it sets in the draft, so a
// posted form is applied to the draft it was rendered from (sent back in a hidden field, which
// keeps an added, not yet saved condition), and the service's errors, which name JSON pointers,
// land on the field whose pointer is the longest prefix of theirs.
import { FACT_FIELDS, FACTS, OPERATORS, RULE_FACTS, type FactType, type RuleSetDiff } from '../../../eligibility/eligibility.js';
import type { FieldError } from '../../../errors.js';
import type { FormErrors } from '../../form-errors.js';

type Json = Record<string, unknown>;
export type Draft = { rules: unknown[]; parameters: Json; testCases: unknown[]; effectiveFrom: string; note: string | null };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field id from a JSON pointer: letters, digits and '-' only ("/rules/0/event" -> "f-rules-0-event"). */
export const idOf = (pointer: string) => `f${pointer.replace(/[^A-Za-z0-9_]/g, '-')}`;

/** A nesting depth as a GOV.UK spacing step (govuk-!-margin-left-N: 0, 3, 6 or 9). */
export const indentOf = (depth: number) => Math.min(depth * 3, 9);

/** The facts a rule may name (not those kept for reach statistics only). */
export const FACT_NAMES = RULE_FACTS;
export const OPERATOR_NAMES = Object.keys(OPERATORS);

type ValueField =
  | { kind: 'param'; name: string; pointer: string; id: string }
  | { kind: 'literal'; text: string; pointer: string; id: string; type: FactType; list: boolean; boolean: boolean };

export type ConditionRow =
  | { kind: 'group'; pointer: string; id: string; indent: number; join: 'all' | 'any' }
  | {
      kind: 'leaf';
      pointer: string;
      id: string;
      operatorId: string;
      pathId: string;
      indent: number;
      fact: string;
      operator: string;
      path: string | undefined;
      paths: string[] | undefined;
      value: ValueField;
    };

export type EditorRule = {
  index: number;
  name: string;
  id: string;
  event: { type: string; fields: { pointer: string; id: string; label: string; text: string }[] };
  rows: ConditionRow[];
};

export type Editor = { rules: EditorRule[]; parameters: { name: string; pointer: string; id: string; text: string; list: boolean }[] };

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** The type a condition's value has: its fact's, or its field's when it names one with `path`. */
function typeOf(leaf: Json): FactType | undefined {
  const fact = typeof leaf.fact === 'string' && Object.hasOwn(FACTS, leaf.fact) ? FACTS[leaf.fact] : undefined;
  if (!fact) return undefined;
  if (typeof leaf.path !== 'string') return fact.type;
  return FACT_FIELDS[fact.type]?.[leaf.path.replace(/^\$\./, '')];
}

const listOperator = (operator: unknown) =>
  typeof operator === 'string' && Object.hasOwn(OPERATORS, operator) && OPERATORS[operator]!.value === 'list';

function rowsOf(node: unknown, pointer: string, depth: number, rows: ConditionRow[]) {
  if (!isObject(node)) return;
  const join = 'all' in node ? 'all' : 'any' in node ? 'any' : undefined;
  if (!join) return;
  rows.push({ kind: 'group', pointer, id: idOf(pointer), indent: indentOf(depth), join });
  const children = node[join];
  if (!Array.isArray(children)) return;
  children.forEach((child, index) => {
    const at = `${pointer}/${join}/${index}`;
    if (isObject(child) && ('all' in child || 'any' in child)) return rowsOf(child, at, depth + 1, rows);
    const leaf = isObject(child) ? child : {};
    const type = typeOf(leaf) ?? 'string';
    const factType = typeof leaf.fact === 'string' && Object.hasOwn(FACTS, leaf.fact) ? FACTS[leaf.fact]!.type : undefined;
    const fields = factType ? FACT_FIELDS[factType] : undefined;
    const value: ValueField = isObject(leaf.value)
      ? { kind: 'param', name: textOf(leaf.value.param), pointer: `${at}/value/param`, id: idOf(`${at}/value/param`) }
      : {
          kind: 'literal',
          text: textOf(leaf.value),
          pointer: `${at}/value`,
          id: idOf(`${at}/value`),
          type,
          list: listOperator(leaf.operator),
          boolean: type === 'boolean' && !listOperator(leaf.operator),
        };
    rows.push({
      kind: 'leaf',
      pointer: at,
      id: idOf(`${at}/fact`),
      operatorId: idOf(`${at}/operator`),
      pathId: idOf(`${at}/path`),
      indent: indentOf(depth + 1),
      fact: textOf(leaf.fact),
      operator: textOf(leaf.operator),
      path: typeof leaf.path === 'string' ? leaf.path : undefined,
      paths: fields ? Object.keys(fields).map((name) => `$.${name}`) : undefined,
      value,
    });
  });
}

export function editorOf(draft: Draft): Editor {
  const rules = draft.rules.map((rule, index): EditorRule => {
    const pointer = `/rules/${index}`;
    const body = isObject(rule) ? rule : {};
    const event = isObject(body.event) ? body.event : {};
    const params = isObject(event.params) ? event.params : {};
    const message = isObject(params.message) ? params.message : {};
    const field = (suffix: string, label: string, value: unknown) => ({
      pointer: `${pointer}/event/params/${suffix}`,
      id: idOf(`${pointer}/event/params/${suffix}`),
      label,
      text: textOf(value),
    });
    const fields =
      event.type === 'group'
        ? [field('group', 'group', params.group)]
        : [field('code', 'code', params.code), field('message/en', 'messageEn', message.en), field('message/nl', 'messageNl', message.nl)];
    const rows: ConditionRow[] = [];
    rowsOf(body.conditions, `${pointer}/conditions`, 0, rows);
    return { index, name: textOf(body.name), id: idOf(pointer), event: { type: textOf(event.type), fields }, rows };
  });
  const parameters = Object.entries(draft.parameters).map(([name, value]) => ({
    name,
    pointer: `/parameters/${name}`,
    id: idOf(`/parameters/${name}`),
    text: textOf(value),
    list: Array.isArray(value),
  }));
  return { rules, parameters };
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** The object or list a pointer's parent names in `root`, and the last key; own properties only. */
function locate(root: Json, pointer: string): { parent: Json | unknown[]; key: string } | undefined {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (keys.length === 0 || keys.some((key) => UNSAFE.has(key))) return undefined;
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (!(isObject(node) || Array.isArray(node)) || !Object.hasOwn(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return isObject(node) || Array.isArray(node) ? { parent: node, key: keys[keys.length - 1]! } : undefined;
}

const INTEGER = /^-?\d{1,15}$/;
/** A typed text: a whole number or true/false where the type asks for one; otherwise the text, for the rule check to name. */
function typed(type: FactType | 'unknown', text: string): unknown {
  if (type === 'integer' && INTEGER.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

const typeOfValue = (value: unknown): FactType | 'unknown' =>
  Number.isInteger(value) ? 'integer' : typeof value === 'boolean' ? 'boolean' : 'unknown';
const items = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const LEAF = /^(\/rules\/\d+\/conditions(?:\/(?:all|any)\/\d+)+)\/(fact|operator|path|value|value\/param)$/;
const EVENT = /^\/rules\/\d+\/event\/params\/(?:code|group|message\/en|message\/nl)$/;
const PARAMETER = /^\/parameters\/[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The draft with the posted fields applied: only fields the form has, each typed as its fact or parameter is. */
export function applyForm(base: Draft, body: Record<string, unknown>): Draft {
  const draft = structuredClone(base);
  const root = draft as unknown as Json;
  const values: { leaf: Json; text: string }[] = [];
  for (const [name, raw] of Object.entries(body)) {
    if (typeof raw !== 'string') continue;
    const text = raw.trim();
    const leafField = LEAF.exec(name);
    if (leafField) {
      const leaf = locate(root, `${leafField[1]!}/x`);
      const target = leaf && (leaf.parent as Json);
      if (!target || !isObject(target)) continue;
      if (leafField[2] === 'value') values.push({ leaf: target, text });
      else if (leafField[2] === 'value/param') target.value = { param: text };
      else if (leafField[2] === 'path') {
        if (text === '') delete target.path;
        else target.path = text;
      } else target[leafField[2]!] = text;
    } else if (EVENT.test(name)) {
      const found = locate(root, name);
      if (found && isObject(found.parent) && Object.hasOwn(found.parent, found.key)) found.parent[found.key] = text;
    } else if (PARAMETER.test(name)) {
      const key = name.slice('/parameters/'.length);
      if (!Object.hasOwn(draft.parameters, key)) continue;
      const before = draft.parameters[key];
      draft.parameters[key] = Array.isArray(before)
        ? items(text).map((item) => typed(typeOfValue(before[0]), item))
        : typed(typeOfValue(before), text);
    }
  }
  // Literal values last: their type follows the fact and operator the same form chose.
  for (const { leaf, text } of values) {
    if (isObject(leaf.value)) continue;
    const type = typeOf(leaf) ?? 'string';
    const element = type === 'stringList' ? 'string' : type;
    const fact = typeof leaf.fact === 'string' && Object.hasOwn(FACTS, leaf.fact) ? FACTS[leaf.fact] : undefined;
    if (listOperator(leaf.operator)) leaf.value = items(text).map((item) => typed(element, item));
    else if (text === '' && fact?.nullable && (leaf.operator === 'equal' || leaf.operator === 'notEqual')) leaf.value = null;
    else leaf.value = typed(element, text);
  }
  return draft;
}

/** A new condition starts as the simplest one to complete: its value is left for the administrator. */
const NEW_CONDITION = { fact: 'age', operator: 'greaterThanInclusive', value: '' };

/** Adds a condition to a group ("add:<group pointer>") or removes one ("remove:<condition pointer>"); undefined for anything else. */
export function applyAction(draft: Draft, action: string): Draft | undefined {
  const [verb, pointer = ''] = action.split(/:(.*)/s);
  const changed = structuredClone(draft);
  const found = locate(changed, pointer);
  if (verb === 'add' && found && Object.hasOwn(found.parent, found.key)) {
    const group: unknown = Array.isArray(found.parent) ? found.parent[Number(found.key)] : found.parent[found.key];
    const join = isObject(group) ? ('all' in group ? 'all' : 'any' in group ? 'any' : undefined) : undefined;
    if (!join || !isObject(group) || !Array.isArray(group[join])) return undefined;
    group[join].push({ ...NEW_CONDITION });
    return changed;
  }
  if (verb === 'remove' && found && Array.isArray(found.parent) && /^\d+$/.test(found.key) && Number(found.key) < found.parent.length) {
    found.parent.splice(Number(found.key), 1);
    return changed;
  }
  return undefined;
}

/** Every field id the editor shows, by the pointer it sets; a condition and a group are found by their own pointer too. */
export function fieldIdsOf(editor: Editor): Map<string, string> {
  const ids = new Map<string, string>([['/effectiveFrom', 'effectiveFrom-day']]);
  for (const rule of editor.rules) {
    ids.set(`/rules/${rule.index}`, rule.id);
    for (const field of rule.event.fields) ids.set(field.pointer, field.id);
    for (const row of rule.rows) {
      ids.set(row.pointer, row.id);
      if (row.kind === 'group') continue;
      ids.set(`${row.pointer}/fact`, row.id);
      ids.set(`${row.pointer}/operator`, row.operatorId);
      ids.set(`${row.pointer}/path`, row.paths ? row.pathId : row.id);
      ids.set(`${row.pointer}/value`, row.value.id);
      ids.set(row.value.pointer, row.value.id);
    }
  }
  for (const parameter of editor.parameters) ids.set(parameter.pointer, parameter.id);
  return ids;
}

/** The service's errors at the fields they point to; what points nowhere in the form goes to `fallback`. */
export function errorsAt(errors: readonly FieldError[], ids: Map<string, string>, fallback: string): FormErrors {
  const result: FormErrors = { summary: [], fields: {} };
  for (const error of errors) {
    let pointer = error.path;
    while (pointer !== '' && !ids.has(pointer)) pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    const id = ids.get(pointer) ?? fallback;
    const text = `${error.path}: ${error.message}`;
    result.summary.push({ text, href: `#${id}` });
    const before = result.fields[id];
    result.fields[id] = { text: before ? `${before.text}; ${text}` : text };
  }
  return result;
}

/** A condition as a line of text: "workExperienceDays greaterThanInclusive parameter minWorkExperienceDays (2555)". */
export function conditionText(leaf: unknown, parameters: Json): string {
  if (!isObject(leaf)) return JSON.stringify(leaf) ?? '';
  const fact = `${textOf(leaf.fact)}${typeof leaf.path === 'string' ? ` ${leaf.path}` : ''}`;
  const value = isObject(leaf.value)
    ? `{${textOf(leaf.value.param)}}${Object.hasOwn(parameters, textOf(leaf.value.param)) ? ` = ${JSON.stringify(parameters[textOf(leaf.value.param)])}` : ''}`
    : JSON.stringify(leaf.value);
  return `${fact} ${textOf(leaf.operator)} ${value}`;
}

export type ReadableRule = { name: string; reason: string; lines: { indent: number; text: string; join: boolean }[] };

/** Each rule as its name, its reason and its conditions as indented lines ("all of" / "any of" before a group). */
export function readableRules(rules: readonly unknown[], parameters: Json): ReadableRule[] {
  return rules.map((rule) => {
    const body = isObject(rule) ? rule : {};
    const event = isObject(body.event) ? body.event : {};
    const params = isObject(event.params) ? event.params : {};
    const lines: ReadableRule['lines'] = [];
    const walk = (node: unknown, depth: number) => {
      if (node === undefined) return;
      if (isObject(node) && ('all' in node || 'any' in node)) {
        const join = 'all' in node ? 'all' : 'any';
        lines.push({ indent: indentOf(depth), text: join, join: true });
        const children = node[join];
        if (Array.isArray(children)) for (const child of children) walk(child, depth + 1);
      } else lines.push({ indent: indentOf(depth), text: conditionText(node, parameters), join: false });
    };
    walk(body.conditions, 0);
    return { name: textOf(body.name), reason: textOf(params.code ?? params.group), lines };
  });
}

const shown = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));

/** The differences of two versions as text: conditions as lines, events and parameters as JSON. */
export function diffView(diff: RuleSetDiff, older: { parameters: Json }, newer: { parameters: Json }) {
  return {
    ...diff,
    rulesChanged: diff.rulesChanged.map((rule) => ({
      name: rule.name,
      conditions: rule.conditions.map((change) => ({
        at: change.at,
        before: change.before === undefined ? undefined : conditionText(change.before, older.parameters),
        after: change.after === undefined ? undefined : conditionText(change.after, newer.parameters),
      })),
      event: rule.event && { at: rule.event.at, before: shown(rule.event.before), after: shown(rule.event.after) },
    })),
    parameters: diff.parameters.map((change) => ({ at: change.at, before: shown(change.before), after: shown(change.after) })),
  };
}

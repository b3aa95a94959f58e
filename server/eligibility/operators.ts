// The operators a rule may use, each with the fact types it accepts. Every operator, the
// built-in ones included, is re-registered through `guarded`: an absent fact makes the condition
// false, never true (json-rules-engine's own `notEqual`/`notIn` would pass on undefined), and
// amounts are compared as decimals, never as floats.
import { Decimal } from 'decimal.js';
import { Operator } from 'json-rules-engine';
import { compareDurations, isDuration, isIsoDate } from '../shared/calendar.js';
import type { FactType } from './fact-registry.js';

type Compare = (fact: unknown, value: unknown) => boolean;
/** What the right-hand side must be: one value of the fact's type, or a list of them. */
export type ValueShape = 'same' | 'list' | 'element';

export type OperatorDefinition = { accepts: readonly FactType[]; value: ValueShape; compare: Compare };

const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;
const isDecimal = (value: unknown): value is string => typeof value === 'string' && DECIMAL.test(value);
const decimal =
  (test: (a: Decimal, b: Decimal) => boolean): Compare =>
  (a, b) =>
    isDecimal(a) && isDecimal(b) && test(new Decimal(a), new Decimal(b));
const integer =
  (test: (a: number, b: number) => boolean): Compare =>
  (a, b) =>
    Number.isInteger(a) && Number.isInteger(b) && test(a as number, b as number);
const date =
  (test: (a: string, b: string) => boolean): Compare =>
  (a, b) =>
    isIsoDate(a) && isIsoDate(b) && test(a, b);
const duration =
  (test: (order: number) => boolean): Compare =>
  (a, b) =>
    isDuration(a) && isDuration(b) && test(compareDurations(a, b));
const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

const SCALARS: readonly FactType[] = ['string', 'integer', 'boolean', 'date', 'decimal', 'duration'];

export const OPERATORS: Readonly<Record<string, OperatorDefinition>> = {
  equal: { accepts: SCALARS, value: 'same', compare: (a, b) => scalar(a) && a === b },
  notEqual: { accepts: SCALARS, value: 'same', compare: (a, b) => scalar(a) && a !== b },
  in: { accepts: SCALARS, value: 'list', compare: (a, b) => scalar(a) && Array.isArray(b) && b.includes(a) },
  notIn: { accepts: SCALARS, value: 'list', compare: (a, b) => scalar(a) && Array.isArray(b) && !b.includes(a) },
  contains: { accepts: ['stringList'], value: 'element', compare: (a, b) => Array.isArray(a) && a.includes(b) },
  doesNotContain: { accepts: ['stringList'], value: 'element', compare: (a, b) => Array.isArray(a) && !a.includes(b) },
  intersects: {
    accepts: ['stringList'],
    value: 'list',
    compare: (a, b) => Array.isArray(a) && Array.isArray(b) && a.some((item) => b.includes(item)),
  },
  lessThan: { accepts: ['integer'], value: 'same', compare: integer((a, b) => a < b) },
  lessThanInclusive: { accepts: ['integer'], value: 'same', compare: integer((a, b) => a <= b) },
  greaterThan: { accepts: ['integer'], value: 'same', compare: integer((a, b) => a > b) },
  greaterThanInclusive: { accepts: ['integer'], value: 'same', compare: integer((a, b) => a >= b) },
  decimalLessThan: { accepts: ['decimal'], value: 'same', compare: decimal((a, b) => a.lt(b)) },
  decimalLessThanInclusive: { accepts: ['decimal'], value: 'same', compare: decimal((a, b) => a.lte(b)) },
  decimalGreaterThan: { accepts: ['decimal'], value: 'same', compare: decimal((a, b) => a.gt(b)) },
  decimalGreaterThanInclusive: { accepts: ['decimal'], value: 'same', compare: decimal((a, b) => a.gte(b)) },
  dateBefore: { accepts: ['date'], value: 'same', compare: date((a, b) => a < b) },
  dateOnOrBefore: { accepts: ['date'], value: 'same', compare: date((a, b) => a <= b) },
  dateAfter: { accepts: ['date'], value: 'same', compare: date((a, b) => a > b) },
  dateOnOrAfter: { accepts: ['date'], value: 'same', compare: date((a, b) => a >= b) },
  durationAtMost: { accepts: ['duration'], value: 'same', compare: duration((order) => order <= 0) },
  durationAtLeast: { accepts: ['duration'], value: 'same', compare: duration((order) => order >= 0) },
};

/** Checks that a literal (or a resolved parameter) fits the type a fact or field has. */
export function fitsType(type: FactType, value: unknown): boolean {
  switch (type) {
    case 'date':
      return isIsoDate(value);
    case 'integer':
      return Number.isInteger(value);
    case 'decimal':
      return isDecimal(value);
    case 'duration':
      return isDuration(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/** The engine operators, built once: Operator objects hold no per-run state. */
export const ENGINE_OPERATORS: readonly Operator[] = Object.entries(OPERATORS).map(
  ([name, definition]) => new Operator(name, (fact: unknown, value: unknown) => fact !== undefined && definition.compare(fact, value)),
);

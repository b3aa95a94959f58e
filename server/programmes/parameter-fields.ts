// Each kind's parameters as form fields, read from the kind's own schema (kinds/*.ts), so a form
// for a kind follows its schema: a parameter added there appears in the form without a template
// change. A field says what its value is (an amount of money or of hours, a rate, a whole number,
// a choice, a date, a list, text), so a form can ask for it as people write it; a value with a
// structure of its own (a window, a lot, a boost) is asked for as JSON, which the schema checks.
import { z } from 'zod';
import { dateSchema } from '../http/schemas.js';
import { amountOrZeroText, amountText, rateText } from './kinds/kind-parameters.js';
import type { ProgrammeKind } from './programme-model.js';
import { wholeParametersSchema } from './programme-parameters.js';

export type ParameterFieldType = 'money' | 'hours' | 'rate' | 'integer' | 'choice' | 'date' | 'list' | 'text' | 'json';

export type ParameterField = {
  name: string;
  type: ParameterFieldType;
  /** For a list: what each item is. */
  item?: ParameterFieldType;
  /** A new programme must give it. */
  required: boolean;
  /** May be set to nothing (null): an empty field means null. */
  nullable: boolean;
  /** A choice's values. */
  options?: readonly string[];
  /** A whole number's bounds. */
  min?: number;
  max?: number;
};

/** The amounts an hours voucher counts in hours, not in its currency. */
const IN_HOURS: Partial<Record<ProgrammeKind, readonly string[]>> = { hours_voucher: ['rightHours', 'voucherHours'] };

type Schema = z.core.$ZodType;

function unwrapped(schema: Schema): { schema: Schema; optional: boolean; nullable: boolean } {
  let inner = schema;
  let optional = false;
  let nullable = false;
  for (;;) {
    const def = inner._zod.def;
    if (def.type === 'optional') optional = true;
    else if (def.type === 'nullable') nullable = true;
    else return { schema: inner, optional, nullable };
    inner = (def as z.core.$ZodOptionalDef | z.core.$ZodNullableDef).innerType;
  }
}

function typeOf(schema: Schema, inHours: boolean): ParameterFieldType {
  if (schema === amountText || schema === amountOrZeroText) return inHours ? 'hours' : 'money';
  if (schema === rateText) return 'rate';
  if (schema === dateSchema) return 'date';
  const type = schema._zod.def.type;
  if (type === 'number') return 'integer';
  if (type === 'enum') return 'choice';
  if (type === 'string') return 'text';
  if (type === 'array') return 'list';
  return 'json';
}

/** The fields of `kind`, in the order of its schema. */
export function parameterFields(kind: ProgrammeKind): ParameterField[] {
  const shape = wholeParametersSchema(kind).shape as Record<string, Schema>;
  return Object.entries(shape).map(([name, declared]) => {
    const { schema, optional, nullable } = unwrapped(declared);
    const inHours = IN_HOURS[kind]?.includes(name) ?? false;
    const field: ParameterField = { name, type: typeOf(schema, inHours), required: !optional && !nullable, nullable };
    if (field.type === 'choice') field.options = (schema as z.ZodEnum).options.map(String);
    if (field.type === 'integer') {
      const number = schema as z.ZodNumber;
      if (number.minValue !== null) field.min = number.minValue;
      if (number.maxValue !== null) field.max = number.maxValue;
    }
    if (field.type === 'list') {
      const item = typeOf(unwrapped((schema as z.ZodArray<z.ZodType>).element).schema, inHours);
      // A list of structured items (windows, lots) is one JSON value; a list of simple ones a line of items.
      if (item === 'json' || item === 'list') field.type = 'json';
      else field.item = item;
    }
    return field;
  });
}

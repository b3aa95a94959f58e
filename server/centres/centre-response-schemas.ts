// What the centre, accreditation, staff and course endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { calendarDate, instant, moneySchema, page } from '../http/response-schemas.js';

export const accreditationResponse = z.object({
  id: z.uuid(),
  centreId: z.uuid(),
  programme: z.string(),
  validFrom: calendarDate,
  validTo: calendarDate,
  status: z.enum(['active', 'suspended', 'revoked']),
  reason: z.string().nullable(),
  reapplyAfter: calendarDate.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const accreditationPage = page(accreditationResponse);

const centreFields = {
  id: z.uuid(),
  name: z.string(),
  enterpriseNumber: z.string(),
  registry: z.string(),
  email: z.string(),
  address: z.string().nullable().describe('Street and number, when given'),
  postcode: z.string().nullable().describe('Upper case, single spaces, when given'),
  municipality: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable().describe('An https:// or http:// address, when given'),
};

export const bankAccountResponse = z.object({ iban: z.string(), bic: z.string() });

export const centreCreatedResponse = z.object({
  ...centreFields,
  createdAt: instant,
  bankAccount: bankAccountResponse.nullable().describe('The account its statements are paid into by SEPA credit transfer, when given'),
});

export const centreBankAccountResponse = bankAccountResponse.extend({ centreId: z.uuid(), updatedAt: instant });

export const centreContactResponse = z.object({ ...centreFields, createdAt: instant });

export const centreResponse = z.object({ ...centreFields, createdAt: instant, accreditations: z.array(accreditationResponse) });

export const centrePage = page(
  z.object({
    ...centreFields,
    accreditations: z
      .array(z.object({ programme: z.string(), validFrom: calendarDate, validTo: calendarDate }))
      .describe('Its accreditations in force today (for a programme, that one only)'),
  }),
);

export const staffResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.literal('centre'),
  centreId: z.uuid(),
  createdAt: instant.optional(),
  disabledAt: instant.nullable().optional(),
});

const courseFields = {
  id: z.uuid(),
  title: z.string(),
  price: moneySchema,
  qualification: z.string().nullable(),
  programme: z.string(),
  tags: z.array(z.string()),
};

export const courseResponse = z.object({
  ...courseFields,
  centreId: z.uuid(),
  status: z.string(),
  decidedAt: instant.nullable(),
  createdAt: instant,
  reason: z.string().nullable().optional(),
});

export const coursePage = page(z.object(courseFields));

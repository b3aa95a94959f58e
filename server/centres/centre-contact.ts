// A centre's contact details (migration 40): an address, a phone number and a website beside its
// e-mail, each optional. Checked at the boundary as the table checks them, so a bad value is a 4xx
// naming the field. Postcodes are compared by their common prefix: Belgian postcodes narrow down
// digit by digit (9000 Gent, 9050 Gentbrugge), UK ones area by area (EH1 1AB, EH1 3QQ), so the
// longer the prefix two postcodes share, the nearer they are as a rule; a rough, explainable
// "near" that needs no map.
import { z } from 'zod';
import { lineSchema } from '../http/schemas.js';
import { PHONE_SHAPE, POSTCODE_SHAPE, WEBSITE_SHAPE } from './centre-model.js';

export const CONTACT_FIELDS = ['address', 'postcode', 'municipality', 'phone', 'website'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type CentreContact = Record<ContactField, string | null>;

/** Upper case, one space between parts, none around: how postcodes are stored and compared. */
export const normalisePostcode = (text: string) => text.trim().toUpperCase().replace(/\s+/g, ' ');

export const POSTCODE_MESSAGE = 'must be a postcode of letters and digits, such as 9000 or EH1 1AB';

export const postcodeSchema = lineSchema(10)
  .transform(normalisePostcode)
  .refine((postcode) => POSTCODE_SHAPE.test(postcode), POSTCODE_MESSAGE);

const phoneSchema = lineSchema(30).refine(
  (phone) => PHONE_SHAPE.test(phone),
  'must be a phone number of digits with spaces, dots, dashes or brackets, such as +32 9 234 56 78',
);

const websiteSchema = lineSchema(300).refine(
  (website) => WEBSITE_SHAPE.test(website) && URL.canParse(website),
  'must be a web address starting with https:// or http://',
);

const contactSchemas = {
  address: lineSchema(200),
  postcode: postcodeSchema,
  municipality: lineSchema(100),
  phone: phoneSchema,
  website: websiteSchema,
};

/** The contact fields POST /v1/centres also takes, each optional. */
export const contactFields = {
  address: contactSchemas.address.optional(),
  postcode: contactSchemas.postcode.optional(),
  municipality: contactSchemas.municipality.optional(),
  phone: contactSchemas.phone.optional(),
  website: contactSchemas.website.optional(),
};

/** PATCH /v1/centres/:id: the fields to change; null takes one away. */
export const changeContactBody = z
  .object({
    address: contactSchemas.address.nullable().optional(),
    postcode: contactSchemas.postcode.nullable().optional(),
    municipality: contactSchemas.municipality.nullable().optional(),
    phone: contactSchemas.phone.nullable().optional(),
    website: contactSchemas.website.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'must give at least one of address, postcode, municipality, phone, website');

export type ContactChanges = Partial<CentreContact>;

/** The contact fields of a centre as stored (null where not given). */
export const contactOf = (centre: Partial<Record<ContactField, string | null | undefined>>): CentreContact => ({
  address: centre.address ?? null,
  postcode: centre.postcode ?? null,
  municipality: centre.municipality ?? null,
  phone: centre.phone ?? null,
  website: centre.website ?? null,
});

/** How many leading characters two normalised postcodes share. */
export function sharedPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/**
 * The centres nearest `postcode` first (the longest prefix shared with theirs), keeping the order
 * they came in (by name) among equals; a centre without a postcode shares nothing. No postcode: as they came.
 */
export function byNearness<C extends { postcode: string | null }>(centres: readonly C[], postcode: string | undefined): C[] {
  if (postcode === undefined) return [...centres];
  const near = normalisePostcode(postcode);
  const shared = new Map(centres.map((centre) => [centre, centre.postcode === null ? 0 : sharedPrefix(near, centre.postcode)]));
  return [...centres].sort((a, b) => (shared.get(b) ?? 0) - (shared.get(a) ?? 0));
}

/** A phone number as a tel: link dials it: its digits, and the + of an international number. */
export const telOf = (phone: string) => `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;

// The audit log can never be erased, so personal data does not go into it: an entry names the
// fields that were set or changed (JSON pointers) and gives each a fingerprint, an HMAC-SHA256
// under AUDIT_FINGERPRINT_KEY of the field and its value. Whoever holds the key and a value can
// prove it is the one recorded; no one can read a value back. A plain hash would not do: there
// are only a few billion national numbers, so each could be hashed and looked up.
import { createHmac } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.js';

/** JSON pointer of a field -> `hmac-sha256:<hex>`. */
export type Fingerprints = Record<string, string>;

export function fingerprint(key: string, pointer: string, value: unknown): string {
  return `hmac-sha256:${createHmac('sha256', key)
    .update(`${pointer}\n${canonicalJson(value)}`)
    .digest('hex')}`;
}

export function fingerprintsOf(key: string, fields: Record<string, unknown>, only: readonly string[] = Object.keys(fields)): Fingerprints {
  return Object.fromEntries(only.map((pointer) => [pointer, fingerprint(key, pointer, fields[pointer] ?? null)]));
}

/** The pointers whose values differ between two sets of fields. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const pointers = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return pointers.filter((pointer) => canonicalJson(before[pointer] ?? null) !== canonicalJson(after[pointer] ?? null));
}

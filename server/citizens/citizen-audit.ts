// What the audit log keeps of a citizen: ids, the national number's scheme, the dates facts were
// recorded, and for the personal fields (e-mail, name, national number, every fact) only which
// were set or changed and their fingerprints (audit-fingerprint.ts), never the values.
import type { AuditEntry } from '../audit/audit-log.js';
import { changedFields, fingerprintsOf } from '../audit/audit-fingerprint.js';
import type { CitizenFacts } from './citizen-facts.js';
import type { CitizenView } from './citizen-service.js';

type Recorded = Pick<AuditEntry, 'before' | 'after'>;

const factFields = (facts: CitizenFacts) => Object.fromEntries(Object.entries(facts).map(([name, value]) => [`/facts/${name}`, value]));

export function createdRecord(key: string, citizen: CitizenView): Recorded {
  const personal = { '/email': citizen.email, '/name': citizen.name, '/nationalId': citizen.nationalId, ...factFields(citizen.facts) };
  const { id, userId, nationalIdScheme, factsRecordedOn, createdAt } = citizen;
  return { before: null, after: { id, userId, nationalIdScheme, factsRecordedOn, createdAt, fingerprints: fingerprintsOf(key, personal) } };
}

export function factsReplacedRecord(
  key: string,
  before: { facts: CitizenFacts; factsRecordedOn: unknown },
  after: { facts: CitizenFacts; factsRecordedOn: unknown },
): Recorded {
  const [old, now] = [factFields(before.facts), factFields(after.facts)];
  const changed = changedFields(old, now);
  return {
    before: { factsRecordedOn: before.factsRecordedOn, fingerprints: fingerprintsOf(key, old, changed) },
    after: { changed, factsRecordedOn: after.factsRecordedOn, fingerprints: fingerprintsOf(key, now, changed) },
  };
}

// A refusal to contest: a citizen living in Scotland asks for LBC (a Flemish programme) and is
// refused; and evidence files whose content is what their first bytes say.
import { expect } from 'chai';
import { createCitizen, type TestCitizen } from '../support/citizen-factory.js';
import type { Harness } from '../support/harness.js';

export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 2)]);

export type Refusal = { citizen: TestCitizen; decisionId: string; decidedOn: string };

export async function refusedCitizen(h: Harness): Promise<Refusal> {
  const citizen = await createCitizen(h, {
    facts: { birthDate: '1990-05-01', residenceCountry: 'GB', residenceRegion: 'SCT', workRegion: 'SCT', employmentStatus: 'employee' },
  });
  const decision = await h.http.post('/v1/programmes/LBC/eligibility').set(citizen.actor.auth).send({}).expect(200);
  expect(decision.body.eligible).to.equal(false);
  return { citizen, decisionId: decision.body.decisionId as string, decidedOn: decision.body.referenceDate as string };
}

/** POSTs a contest as multipart/form-data with the given files ([name, content]). */
export function sendContest(h: Harness, auth: Record<string, string>, decisionId: string, message: string, files: [string, Buffer][] = []) {
  let request = h.http.post(`/v1/decisions/${decisionId}/contests`).set(auth).field('message', message);
  for (const [name, content] of files) request = request.attach('files', content, { filename: name, contentType: 'image/png' });
  return request;
}

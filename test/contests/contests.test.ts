import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { addDays } from '../../server/shared/calendar.js';
import { createActor } from '../support/actors.js';
import { createCitizen } from '../support/citizen-factory.js';
import { harness } from '../support/harness.js';
import { JPEG, PDF, PNG, refusedCitizen, sendContest } from './contest-fixtures.js';

const FIVE_MB = 5 * 1024 * 1024;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('contested refusals over the API', () => {
  it('when a refused citizen contests with a PDF and a JPEG, then the contest is open with each file typed by content and its checksum', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    const res = await sendContest(h, citizen.actor.auth, decisionId, 'I moved to Flanders in March.', [
      ['lease.pdf', PDF],
      ['photo', JPEG],
    ]).expect(201);
    expect(res.body).to.include({ decisionId, programme: 'LBC', status: 'open', message: 'I moved to Flanders in March.', answer: null });
    expect(res.body.reference).to.match(/^CT-[0-9A-Z]{8}$/);
    expect(res.body.evidence.map((file: { mediaType: string }) => file.mediaType)).to.deep.equal(['application/pdf', 'image/jpeg']);
    expect(res.body.evidence[0]).to.include({ fileName: 'lease.pdf', sizeBytes: PDF.length, sha256: sha256(PDF) });
    const read = await h.http.get(`/v1/contests/${res.body.id}`).set(citizen.actor.auth).expect(200);
    expect(read.body).to.deep.equal(res.body);
    const [stored] = await queryRows<{ content: Buffer }>(h.ownerSequelize, `SELECT content FROM contest_evidence WHERE id = $1`, [
      res.body.evidence[0].id,
    ]);
    expect(stored?.content.equals(PDF)).to.equal(true);
  });

  it('when a PDF is sent named .png, or text named .png, then the contest is refused by content, pointing at the file, and nothing is stored', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    const refused = await sendContest(h, citizen.actor.auth, decisionId, 'Evidence attached.', [
      ['fine.png', PNG],
      ['scan.png', PDF],
      ['notes.png', Buffer.from('<script>alert(1)</script>')],
    ]).expect(422);
    expect(refused.body.code).to.equal('evidence_refused');
    expect(refused.body.errors).to.deep.equal([
      { path: '/files/1', message: 'holds another type than its name says (judged by its content)' },
      { path: '/files/2', message: 'is not a PDF, JPEG or PNG file (judged by its content)' },
    ]);
    const auditor = await createActor(h, 'auditor');
    await h.http.get(`/v1/contests?decisionId=${decisionId}`).set(auditor.auth).expect(200, { items: [], nextCursor: null });
  });

  it('when a file is 5 MB it is taken, and when it is 5 MB and 1 byte the contest is refused naming that file', async () => {
    const h = harness();
    const exact = await refusedCitizen(h);
    const atLimit = Buffer.concat([PDF, Buffer.alloc(FIVE_MB - PDF.length, 0x20)]);
    const taken = await sendContest(h, exact.citizen.actor.auth, exact.decisionId, 'Here.', [['big.pdf', atLimit]]).expect(201);
    expect(taken.body.evidence[0].sizeBytes).to.equal(FIVE_MB);
    const over = await refusedCitizen(h);
    const refused = await sendContest(h, over.citizen.actor.auth, over.decisionId, 'Here.', [
      ['small.pdf', PDF],
      ['big.pdf', Buffer.concat([atLimit, Buffer.from(' ')])],
    ]).expect(422);
    expect(refused.body.errors).to.deep.equal([{ path: '/files/1', message: 'is larger than 5 MB' }]);
  });

  it('when six files are sent, then the sixth is named as one too many', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    const files = Array.from({ length: 6 }, (_, index): [string, Buffer] => [`page-${index}.png`, PNG]);
    const refused = await sendContest(h, citizen.actor.auth, decisionId, 'Six pages.', files).expect(422);
    expect(refused.body.errors).to.deep.equal([{ path: '/files/5', message: 'is one file too many: send at most 5' }]);
  });

  it('when the message is missing or the body is JSON, then it is a 400 naming the field, or a 415', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    const missing = await sendContest(h, citizen.actor.auth, decisionId, '   ', [['a.png', PNG]]).expect(400);
    expect(missing.body.errors[0].path).to.equal('/message');
    await h.http.post(`/v1/decisions/${decisionId}/contests`).set(citizen.actor.auth).send({ message: 'json' }).expect(415);
    await h.http
      .post(`/v1/decisions/${decisionId}/contests`)
      .set(citizen.actor.auth)
      .set('Content-Type', 'multipart/form-data')
      .send('no boundary')
      .expect(400);
  });

  it('when another citizen contests, reads or downloads from a contest, then each answers 404', async () => {
    const h = harness();
    const owner = await refusedCitizen(h);
    const other = await refusedCitizen(h);
    const contest = await sendContest(h, owner.citizen.actor.auth, owner.decisionId, 'Mine.', [['a.png', PNG]]).expect(201);
    await sendContest(h, other.citizen.actor.auth, owner.decisionId, 'Not mine.').expect(404);
    await h.http.get(`/v1/contests/${contest.body.id}`).set(other.citizen.actor.auth).expect(404);
    await h.http.get(`/v1/contests/${contest.body.id}/evidence/${contest.body.evidence[0].id}`).set(other.citizen.actor.auth).expect(404);
  });

  it('when a decision is contested while its contest is open, or is not a refusal, then it is 409', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    await sendContest(h, citizen.actor.auth, decisionId, 'First.').expect(201);
    const again = await sendContest(h, citizen.actor.auth, decisionId, 'Second.').expect(409);
    expect(again.body.code).to.equal('contest_open');
    const flemish = await createCitizen(h, {
      facts: {
        birthDate: '1980-03-14',
        residenceCountry: 'BE',
        residenceRegion: 'VLG',
        workRegion: 'VLG',
        employmentStatus: 'employee',
        workExperienceDays: 3000,
      },
    });
    const eligible = await h.http.post('/v1/programmes/LBC/eligibility').set(flemish.actor.auth).send({}).expect(200);
    expect(eligible.body.eligible).to.equal(true);
    const res = await sendContest(h, flemish.actor.auth, eligible.body.decisionId, 'Why?').expect(409);
    expect(res.body.code).to.equal('not_a_refusal');
  });

  it('when the 14th day after the refusal is today it may be contested, and on the 15th day it is refused with the last day', async () => {
    const h = harness();
    const late = await refusedCitizen(h);
    h.clock.set(`${addDays(late.decidedOn, 15)}T09:00:00Z`);
    const refused = await sendContest(h, late.citizen.actor.auth, late.decisionId, 'Late.').expect(409);
    expect(refused.body.code).to.equal('contest_period_ended');
    expect(refused.body.detail).to.equal(`The 14 days to contest this decision ended on ${addDays(late.decidedOn, 14)}.`);
    h.clock.set(`${addDays(late.decidedOn, 14)}T21:00:00Z`);
    await sendContest(h, late.citizen.actor.auth, late.decisionId, 'Just in time.').expect(201);
  });

  it('when an administrator answers, then it is audited, the citizen is notified and e-mailed, and a second answer is 409', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    const contest = await sendContest(h, citizen.actor.auth, decisionId, 'Please look again.').expect(201);
    const admin = await createActor(h, 'admin');
    const answered = await h.http
      .post(`/v1/contests/${contest.body.id}/answer`)
      .set(admin.auth)
      .send({ outcome: 'upheld', message: 'Your move was registered late by the municipality.' })
      .expect(200);
    expect(answered.body).to.include({ status: 'upheld' });
    expect(answered.body.answer.message).to.equal('Your move was registered late by the municipality.');
    const audit = await h.http.get(`/v1/audit?entityType=contest&entityId=${contest.body.id}`).set(admin.auth).expect(200);
    const answer = audit.body.items.find((item: { action: string }) => item.action === 'contest.answer');
    expect(answer).to.deep.include({
      before: { status: 'open' },
      after: { status: 'upheld', answer: 'Your move was registered late by the municipality.' },
    });
    const notes = await h.http.get('/v1/me/notifications').set(citizen.actor.auth).expect(200);
    expect(notes.body.items[0]).to.include({
      kind: 'contest_answered',
      subject: `Your contest ${contest.body.reference} was upheld`,
      readAt: null,
    });
    const emails = await queryRows<{ recipient: string }>(
      h.ownerSequelize,
      `SELECT recipient FROM email_outbox WHERE notification_id = $1`,
      [notes.body.items[0].id],
    );
    expect(emails).to.deep.equal([{ recipient: citizen.email }]);
    const twice = await h.http
      .post(`/v1/contests/${contest.body.id}/answer`)
      .set(admin.auth)
      .send({ outcome: 'rejected', message: 'No.' })
      .expect(409);
    expect(twice.body.code).to.equal('contest_answered');
    await sendContest(h, citizen.actor.auth, decisionId, 'A new point.').expect(201);
  });

  it('when evidence is downloaded by its citizen, an administrator or an auditor, then it is an attachment of the detected type, not sniffed', async () => {
    const h = harness();
    const { citizen, decisionId } = await refusedCitizen(h);
    const contest = await sendContest(h, citizen.actor.auth, decisionId, 'See scan.', [['scan été.pdf', PDF]]).expect(201);
    const path = `/v1/contests/${contest.body.id}/evidence/${contest.body.evidence[0].id}`;
    for (const reader of [citizen.actor, await createActor(h, 'admin'), await createActor(h, 'auditor')]) {
      const res = await h.http
        .get(path)
        .set(reader.auth)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).to.equal('application/pdf');
      expect(res.headers['content-disposition']).to.equal(`attachment; filename="scan _t_.pdf"; filename*=UTF-8''scan%20%C3%A9t%C3%A9.pdf`);
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect((res.body as Buffer).equals(PDF)).to.equal(true);
    }
  });

  it('when administrators list contests by status and programme, then the newest come first, page by page', async () => {
    const h = harness();
    const first = await refusedCitizen(h);
    const second = await refusedCitizen(h);
    const a = await sendContest(h, first.citizen.actor.auth, first.decisionId, 'One.').expect(201);
    const b = await sendContest(h, second.citizen.actor.auth, second.decisionId, 'Two.').expect(201);
    const admin = await createActor(h, 'admin');
    const page1 = await h.http
      .get(`/v1/contests?citizenId=${second.citizen.id}&status=open&programme=LBC&limit=1`)
      .set(admin.auth)
      .expect(200);
    expect(page1.body.items.map((item: { id: string }) => item.id)).to.deep.equal([b.body.id]);
    const byCitizen = await h.http.get(`/v1/contests?citizenId=${first.citizen.id}&limit=1`).set(admin.auth).expect(200);
    expect(byCitizen.body.items[0].id).to.equal(a.body.id);
    const open = await h.http.get('/v1/contests?status=open&limit=2').set(admin.auth).expect(200);
    expect(open.body.nextCursor).to.be.a('string');
    const next = await h.http
      .get(`/v1/contests?status=open&limit=2&cursor=${open.body.nextCursor as string}`)
      .set(admin.auth)
      .expect(200);
    expect(next.body.items.map((item: { id: string }) => item.id)).not.to.include.members(
      open.body.items.map((item: { id: string }) => item.id),
    );
  });
});

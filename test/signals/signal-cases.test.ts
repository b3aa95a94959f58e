// Signal cases over the API: administrators and auditors read them, only an administrator closes
// one, with a reason, audited; detection runs on demand and on the scheduler's pace; and a case
// never holds a payment back. Scoped to this file's own centres (see signal-detectors.test.ts).
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { JOBS } from '../../server/jobs/job-registry.js';
import { detectDueSignals } from '../../server/signals/signal-service.js';
import { newVoucherCode, prefixOfCode } from '../../server/vouchers/voucher-codes.js';
import { createActor, idempotencyKey } from '../support/actors.js';
import { payStatementWithFourEyes } from '../support/approvals.js';
import { createCentre, type TestCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openVoucherProgramme, register, setToday } from '../support/voucher-factory.js';
import { chequeInUse, sessionToday, type ChequeInUse } from '../settlement/support/lbc-fixture.js';
import { casesOf, detect } from './signal-fixtures.js';

describe('signal cases: read, closed with a reason, detected on demand and by the job, never blocking a payment', () => {
  let h: Harness;
  before(() => {
    h = harness();
  });

  /** A centre of a programme of its own with one cheque in use there, and `tries` refused registration tries this hour. */
  async function centreWithTries(today: string, tries: number) {
    const programme = await openVoucherProgramme(h, today);
    const centre = await createCentre(h, { programme: programme.code });
    const cheque = await chequeInUse(h, programme.admin, programme.code, centre);
    await wrongTries(centre, cheque, tries);
    return { programme, centre, cheque };
  }

  async function wrongTries(centre: TestCentre, cheque: ChequeInUse, tries: number) {
    for (let n = 0; n < tries; n += 1) {
      const res = await register(h, centre, newVoucherCode(prefixOfCode(cheque.code)), '12345678');
      expect(res.status).to.equal(404);
    }
  }

  /** A case of this centre: 2 refused tries against a threshold of 2. */
  async function openedCase(today: string) {
    const scene = await centreWithTries(today, 2);
    await detect(h, ['wrong_client_numbers'], { wrongTriesPerHour: 2 });
    const [found] = await casesOf(h, 'wrong_client_numbers', scene.centre.id);
    return { ...scene, caseId: found!.id };
  }

  it('when an administrator closes a case, then a reason is required, the close is audited with who and why, and a second close is refused', async () => {
    const { centre, caseId } = await openedCase('2032-03-01');
    const admin = await createActor(h, 'admin');
    const auditor = await createActor(h, 'auditor');

    const read = await h.http.get(`/v1/signal-cases/${caseId}`).set(auditor.auth).expect(200);
    expect(read.body).to.deep.include({ kind: 'wrong_client_numbers', status: 'open', closed: null });
    expect(read.body.centre).to.deep.equal({ id: centre.id, name: centre.name });
    const listed = await h.http
      .get(`/v1/signal-cases?kind=wrong_client_numbers&status=open&centreId=${centre.id}`)
      .set(auditor.auth)
      .expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).to.deep.equal([caseId]);

    const missing = await h.http.post(`/v1/signal-cases/${caseId}/close`).set(admin.auth).send({}).expect(400);
    expect(missing.body.errors.map((error: { path: string }) => error.path)).to.deep.equal(['/reason']);
    await h.http.post(`/v1/signal-cases/${caseId}/close`).set(admin.auth).send({ reason: '   ' }).expect(400);
    await h.http.post(`/v1/signal-cases/${caseId}/close`).set(auditor.auth).send({ reason: 'Looked at it.' }).expect(403);
    await h.http.post(`/v1/signal-cases/${caseId}/close`).set(centre.staff.auth).send({ reason: 'Nothing to see.' }).expect(403);
    expect((await casesOf(h, 'wrong_client_numbers', centre.id))[0]!.status).to.equal('open');

    const closed = await h.http
      .post(`/v1/signal-cases/${caseId}/close`)
      .set(admin.auth)
      .send({ reason: 'The centre typed codes from a scanned list; told them to scan again.' })
      .expect(200);
    expect(closed.body.status).to.equal('closed');
    expect(closed.body.closed).to.deep.include({ reason: 'The centre typed codes from a scanned list; told them to scan again.' });
    expect(closed.body.closed.by).to.deep.equal({ id: admin.principal.userId, email: admin.principal.email });
    const again = await h.http.post(`/v1/signal-cases/${caseId}/close`).set(admin.auth).send({ reason: 'Twice.' }).expect(409);
    expect(again.body.code).to.equal('signal_case_closed');

    const audit = await queryRows<{ action: string; actor_id: string | null; after: Record<string, unknown> }>(
      h.sequelize,
      `SELECT action, actor_id, after FROM audit_log WHERE entity_type = 'signal_case' AND entity_id = $1 ORDER BY id`,
      [caseId],
    );
    expect(audit.map((entry) => [entry.action, entry.actor_id])).to.deep.equal([
      ['signal_case.opened', null],
      ['signal_case.closed', admin.principal.userId],
    ]);
    expect(audit[1]!.after).to.include({
      status: 'closed',
      reason: 'The centre typed codes from a scanned list; told them to scan again.',
    });

    // Detected again: the closed case is not opened a second time.
    await detect(h, ['wrong_client_numbers'], { wrongTriesPerHour: 2 });
    expect((await casesOf(h, 'wrong_client_numbers', centre.id)).map((found) => found.status)).to.deep.equal(['closed']);
  });

  it('when someone other than an administrator or auditor reads cases, or asks for an unknown one, then they are refused', async () => {
    const centre = await createCentre(h);
    const admin = await createActor(h, 'admin');
    await h.http.get('/v1/signal-cases').set(centre.staff.auth).expect(403);
    await h.http.get('/v1/signal-cases').expect(401);
    await h.http.get('/v1/signal-cases/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    await h.http.post('/v1/signal-cases/00000000-0000-4000-8000-000000000000/close').set(admin.auth).send({ reason: 'x' }).expect(404);
    const bad = await h.http.get('/v1/signal-cases?kind=everything').set(admin.auth).expect(400);
    expect(bad.body.errors[0].path).to.equal('/query/kind');
    await h.http.post('/v1/signal-cases/detect').set(centre.staff.auth).expect(403);
  });

  it('when an administrator runs detection now, then cases open for what has none and the run is recorded with who asked', async () => {
    const auditor = await createActor(h, 'auditor');
    const admin = await createActor(h, 'admin');
    await h.http.post('/v1/signal-cases/detect').set(auditor.auth).expect(403);
    const res = await h.http.post('/v1/signal-cases/detect').set(admin.auth).expect(200);
    expect(res.body.opened).to.equal(res.body.cases.length);
    const [run] = await queryRows<{ requested_by: string }>(
      h.sequelize,
      `SELECT requested_by FROM signal_detections WHERE requested_by = $1`,
      [admin.principal.userId],
    );
    expect(run?.requested_by).to.equal(admin.principal.userId);
    const second = await h.http.post('/v1/signal-cases/detect').set(admin.auth).expect(200);
    expect((second.body.cases as string[]).filter((id) => (res.body.cases as string[]).includes(id))).to.deep.equal([]);
  });

  it('when the job runs, then it detects everything once per interval and the registration tries at every tick, before they are forgotten', async () => {
    const names = JOBS.map((job) => job.name);
    expect(names.indexOf('detect-signals')).to.be.within(0, names.indexOf('forget-registration-tries') - 1);

    const { centre, cheque } = await centreWithTries('2032-05-03', 1);
    const app = { ...h.context, config: { ...h.config, signals: { ...h.config.signals, wrongTriesPerHour: 2 } } };
    const runsAt = async (at: string) =>
      (await queryRows(h.sequelize, `SELECT 1 FROM signal_detections WHERE started_at = $1 AND requested_by IS NULL`, [at])).length;
    await detectDueSignals(app, new Date('2032-05-03T09:00:00Z'));
    expect(await runsAt('2032-05-03T09:00:00Z')).to.equal(1);
    expect(await casesOf(h, 'wrong_client_numbers', centre.id)).to.have.length(0);

    await wrongTries(centre, cheque, 1);
    await detectDueSignals(app, new Date('2032-05-03T09:30:00Z'));
    expect(await runsAt('2032-05-03T09:30:00Z'), 'within the interval: not every detector').to.equal(0);
    expect(await casesOf(h, 'wrong_client_numbers', centre.id), 'but the tries, at every tick').to.have.length(1);
    await detectDueSignals(app, new Date('2032-05-03T10:00:00Z'));
    expect(await runsAt('2032-05-03T10:00:00Z')).to.equal(1);
  });

  it('when a centre has an open case, then its statement is still settled and paid (a signal never blocks a payment by itself)', async () => {
    const { programme, centre, cheque, caseId } = await openedCase('2032-07-01');
    expect((await casesOf(h, 'wrong_client_numbers', centre.id))[0]).to.include({ id: caseId, status: 'open' });
    await sessionToday(h, cheque, '2.00');
    setToday(h, '2032-07-02');
    const settled = await h.http
      .post('/v1/settlements')
      .set(programme.admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: programme.code, periodEnd: '2032-07-01' })
      .expect(201);
    const statement = (settled.body.statements as { id: string; centreId: string }[]).find((item) => item.centreId === centre.id)!;
    const approver = await createActor(h, 'admin');
    const paid = await payStatementWithFourEyes(h, programme.admin.auth, approver.auth, statement.id);
    expect(paid.status).to.equal('paid');
    expect((await casesOf(h, 'wrong_client_numbers', centre.id))[0]!.status).to.equal('open');
  });
});

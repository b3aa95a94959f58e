// The windows' jobs take every lottery window due (serial: they would draw other files' windows
// mid-test). A programme opened through the API only, with a lottery window, runs end to end:
// entries, the scheduler's draw, the draw read and reproduced from its seed, winners and the others
// told, a winner verified and claimed by the provider, settled, and the ledger verified.
import { expect } from 'chai';
import { applicationsJobs } from '../../server/applications/applications.js';
import { idempotencyKey } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { claimFunding, expectLedgerOk, setToday, verify } from '../applications/ita-fixtures.js';
import { citizens, drawNow, enter, openWindowed, readDraw } from './window-fixtures.js';

const job = (name: string) => {
  const found = applicationsJobs.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
};

describe('window jobs (serial)', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  afterEach(() => expectLedgerOk(h));

  it('when a lottery window of a programme opened through the API closes, then the scheduler draws it once, tells everyone, and a winner is verified, claimed and settled', async () => {
    setToday(h, '2027-02-10');
    const window = { id: '2027-feb', opensOn: '2027-02-01', closesOn: '2027-02-20', budget: '600.00', allocation: 'lottery' as const };
    const { programme, provider, course } = await openWindowed(h, [window]);
    const entrants = await citizens(h, 3);
    for (const citizen of entrants) expect((await enter(h, programme.code, citizen.actor, course.id)).status).to.equal(202);

    // On the window's last day nothing is due; the day after, it is drawn, once.
    expect(await job('draw-closed-windows').run(h.context, new Date('2027-02-20T23:00:00Z'))).to.equal(0);
    setToday(h, '2027-02-21');
    expect(await job('draw-closed-windows').run(h.context, new Date('2027-02-21T02:00:00Z'))).to.be.at.least(1);
    expect(await job('draw-closed-windows').run(h.context, new Date('2027-02-21T03:00:00Z'))).to.equal(0);
    const again = await drawNow(h, programme.author, programme.code, window.id);
    expect(again.status).to.equal(200);

    const draw = await readDraw(h, programme.author, programme.code, window.id);
    expect(draw).to.include({ entries: 3, winners: 2 });
    expect(draw.fundedTotal.amount).to.equal('600.00');
    expect(draw.verification.reproduced).to.equal(true);
    const winner = draw.items.find((item) => item.status === 'won')!;
    const loser = draw.items.find((item) => item.status === 'not_drawn')!;

    expect(await job('notify-drawn-entries').run(h.context, new Date('2027-02-21T04:00:00Z'))).to.be.at.least(3);
    const told = async (citizenId: string) => {
      const citizen = entrants.find((candidate) => candidate.id === citizenId)!;
      const res = await h.http.get('/v1/me/notifications').set(citizen.actor.auth).expect(200);
      return (res.body.items as { kind: string }[]).map((item) => item.kind);
    };
    expect(await told(winner.citizenId)).to.include('window_entry_won');
    expect(await told(loser.citizenId)).to.include('window_entry_not_drawn');

    const reference = winner.application!;
    const read = await h.http.get(`/v1/applications/${reference}`).set(provider.staff.auth).expect(200);
    expect(read.body).to.include({ status: 'pending_verification', appliedOn: '2027-02-21', verifyBy: '2027-03-21' });
    await verify(h, provider.staff, provider.id, reference).expect(200);
    setToday(h, '2027-04-01');
    const claimed = await claimFunding(h, provider.staff, provider.id, reference, '2027-04-01');
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    const run = await h.http
      .post('/v1/settlements')
      .set(programme.author.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: programme.code, periodEnd: '2027-04-01' });
    expect(run.status, JSON.stringify(run.body)).to.equal(201);
    const statement = run.body.statements.find((s: { centreId: string }) => s.centreId === provider.id);
    const line = statement.lines.find((l: { description: string }) => l.description === `Application ${reference}`);
    expect(line.amount).to.deep.equal({ amount: '300.00', currency: 'EUR' });
  });
});

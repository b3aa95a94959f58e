// First-come windows and the windows' parameters (issue 15, point 6): inside a first-come window
// claims are funded from the window's own budget, exactly to it under concurrency; outside every
// window a claim is refused and told when the next one opens; malformed windows are a 422 that
// points at the window.
import { expect } from 'chai';
import { queryRows } from '../../server/db/database.js';
import { createActor } from '../support/actors.js';
import { harness, type Harness } from '../support/harness.js';
import { programmeCode } from '../support/programme-factory.js';
import { itaCitizen, expectLedgerOk, setToday } from '../applications/ita-fixtures.js';
import { citizens, enter, openWindowed, type WindowSpec } from './window-fixtures.js';

const may: WindowSpec = { id: 'may', opensOn: '2026-05-01', closesOn: '2026-05-15', budget: '900.00', allocation: 'first_come' };
const autumn: WindowSpec = { id: 'autumn', opensOn: '2026-09-01', closesOn: '2026-09-30', budget: '5000.00', allocation: 'lottery' };

describe('first-come windows', () => {
  let h: Harness;

  before(() => {
    h = harness();
  });
  beforeEach(() => setToday(h, '2026-05-05'));
  afterEach(() => expectLedgerOk(h));

  it('when 8 citizens claim at once in a first-come window that funds 3, then exactly 3 are funded and the others get 409 budget_exhausted for the window', async () => {
    const { programme, course } = await openWindowed(h, [may, autumn]);
    const claimants = await citizens(h, 8);
    const answers = await Promise.all(claimants.map((citizen) => enter(h, programme.code, citizen.actor, course.id)));
    const funded = answers.filter((res) => res.status === 201);
    expect(funded).to.have.length(3);
    for (const refused of answers.filter((res) => res.status !== 201)) {
      expect(refused.status, JSON.stringify(refused.body)).to.equal(409);
      expect(refused.body).to.include({ code: 'budget_exhausted', reason: 'window_budget_spent', window: 'may' });
    }
    const [window] = await queryRows<{ allocated: string; budget: string }>(
      h.sequelize,
      `SELECT allocated, budget FROM application_windows WHERE programme_code = $1 AND window_id = 'may'`,
      [programme.code],
    );
    expect(window).to.deep.equal({ allocated: '900.00', budget: '900.00' });
  });

  it('when a course costs more than the whole window, then the claim is refused for the window and nothing is allocated', async () => {
    const { programme, course } = await openWindowed(h, [{ ...may, budget: '250.00' }]);
    const res = await enter(h, programme.code, (await itaCitizen(h)).actor, course.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body).to.include({ code: 'budget_exhausted', reason: 'window_budget_spent' });
  });

  it('when a citizen claims before, between or after the windows, then 409 no_open_window names the next window (or none)', async () => {
    setToday(h, '2026-04-20');
    const { programme, course } = await openWindowed(h, [may, autumn]);
    const citizen = await itaCitizen(h);
    const cases: [string, unknown][] = [
      ['2026-04-30', { id: 'may', opensOn: '2026-05-01', closesOn: '2026-05-15', allocation: 'first_come' }],
      ['2026-05-16', { id: 'autumn', opensOn: '2026-09-01', closesOn: '2026-09-30', allocation: 'lottery' }],
      ['2026-10-01', null],
    ];
    for (const [today, next] of cases) {
      setToday(h, today);
      const res = await enter(h, programme.code, citizen.actor, course.id);
      expect(res.status, today).to.equal(409);
      expect(res.body.code).to.equal('no_open_window');
      expect(res.body.nextWindow, today).to.deep.equal(next);
    }
  });

  it('when a programme has no windows, then claims are funded every day as before', async () => {
    const { programme, course } = await openWindowed(h, [], { values: { windows: null } });
    const res = await enter(h, programme.code, (await itaCitizen(h)).actor, course.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.status).to.equal('pending_verification');
  });
});

describe('window parameters', () => {
  it('when windows overlap, close before they open, repeat an id or lack a field, then 422 invalid_parameters points at the window', async () => {
    const h = harness();
    const admin = await createActor(h, 'admin');
    const base = { yearlyMaximum: '1000.00', verificationWeeks: 4, accountYearStartMonth: 1, placesTarget: null, closingDate: null };
    const cases: [WindowSpec[] | unknown[], string][] = [
      [[may, { ...autumn, opensOn: '2026-05-15' }], '/values/windows/1/opensOn'],
      [[{ ...may, closesOn: '2026-04-01' }], '/values/windows/0/closesOn'],
      [[may, { ...autumn, id: 'may' }], '/values/windows/1/id'],
      [[{ ...may, budget: '0.00' }], '/values/windows/0/budget'],
      [[{ ...may, allocation: 'fastest' }], '/values/windows/0/allocation'],
      [[{ id: 'x', opensOn: '2026-05-01', closesOn: '2026-05-02', allocation: 'lottery' }], '/values/windows/0/budget'],
    ];
    for (const [windows, path] of cases) {
      const res = await h.http
        .post('/v1/programmes')
        .set(admin.auth)
        .send({
          code: programmeCode(),
          kind: 'course_grant',
          names: { en: 'W', nl: 'W' },
          currency: 'EUR',
          effectiveFrom: h.clock.today(),
          values: { ...base, windows },
        });
      expect([res.status, res.body.code], path).to.deep.equal([422, 'invalid_parameters']);
      expect(res.body.errors.map((error: { path: string }) => error.path)).to.include(path);
    }
  });
});

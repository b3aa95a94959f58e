import { expect } from 'chai';
import { PDFParse } from 'pdf-parse';
import { csvField } from '../../../server/portal/pages/centre/statement-files.js';
import { createActor, idempotencyKey, type Actor } from '../../support/actors.js';
import { payStatementWithFourEyes } from '../../support/approvals.js';
import { createCentre, type TestCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { agentOf, page, signIn, textOf, type Agent } from '../../support/pages.js';
import { openLbcLike } from '../../support/reference-like-programmes.js';
import { chequeInUse, sessionToday } from '../../settlement/support/lbc-fixture.js';

type StatementJson = { id: string; centreId: string };

// The file's own programme like LBC, at a fee of 100.00 an hour that keeps the sums readable.
const OPENED_ON = '2089-01-08';

const signedIn = async (h: Harness, centre: TestCentre): Promise<Agent> => {
  const agent = agentOf(h);
  expect((await signIn(agent, centre.staff.principal.email, centre.staff.password)).status).to.equal(303);
  return agent;
};

/** supertest reads a binary answer into a Buffer. */
const binary = (
  res: { on: (event: string, listener: (chunk?: Buffer) => void) => void },
  done: (error: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Centre portal: statements and payments, as pages, CSV and PDF', () => {
  let h: Harness;
  let admin: Actor;
  let programme: string;
  const day = (date: string) => h.clock.set(`${date}T10:00:00Z`);
  const settle = async (centre: TestCentre) => {
    const res = await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme, periodEnd: h.clock.today() });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return (res.body.statements as StatementJson[]).find((statement) => statement.centreId === centre.id)!;
  };

  before(async () => {
    h = harness();
    day(OPENED_ON);
    const opened = await openLbcLike(h, { values: { hourlyFee: '100.000' }, budget: '100000.00' });
    ({ code: programme, author: admin } = opened);
  });
  after(() => h.clock.set(new Date()));

  it('when a centre was settled, paid, and a dispute was upheld, then its statements show each line, the correction, totals and the paid date, and download as CSV and PDF', async () => {
    day('2089-01-10');
    const centre = await createCentre(h, { programme, name: 'Loopbaan, "De Brug" & co' });
    const cheque = await chequeInUse(h, admin, programme, centre);
    const disputed = await sessionToday(h, cheque, '1.00');
    await sessionToday(h, cheque, '0.50');
    const first = await settle(centre);
    await payStatementWithFourEyes(h, admin.auth, (await createActor(h, 'admin')).auth, first.id);
    day('2089-01-12');
    const dispute = await h.http
      .post(`/v1/vouchers/${cheque.code}/disputes`)
      .set(cheque.citizen.actor.auth)
      .send({ sessionId: disputed, reason: 'I was not there.' })
      .expect(201);
    await h.http
      .post(`/v1/disputes/${dispute.body.id as string}/resolution`)
      .set(admin.auth)
      .send({ decision: 'upheld', note: 'Checked the attendance list.' })
      .expect(200);
    // The upheld dispute gave the citizen's cheque back: the next session is on another cheque.
    await sessionToday(h, await chequeInUse(h, admin, programme, centre), '0.25');
    const second = await settle(centre);

    const agent = await signedIn(h, centre);
    const list = page((await agent.get('/centre/statements').expect(200)).text);
    expect(list.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(list.querySelector('title'))).to.equal('Statements and payments – Learning Accounts');
    const rows = list.querySelectorAll('tbody tr').map((row) => textOf(row));
    expect(rows).to.have.length(2);
    expect(rows[0]).to.include('12 January 2089').and.include('Not paid yet');
    expect(rows[1]).to.include('10 January 2089').and.include('EUR 150.00').and.include('10 January 2089');

    const paid = page((await agent.get(`/centre/statements/${first.id}`).expect(200)).text);
    expect(textOf(paid.querySelector('h1'))).to.equal('Statement up to 10 January 2089');
    expect(textOf(paid.querySelector('.govuk-summary-list')))
      .to.include('Paid on 10 January 2089')
      .and.include('EUR 150.00');
    expect(paid.querySelectorAll('#lines tbody tr')).to.have.length(2);

    const corrected = page((await agent.get(`/centre/statements/${second.id}`).expect(200)).text);
    const lines = textOf(corrected.querySelector('#lines'));
    expect(lines).to.include('Correction').and.include('EUR 25.00');
    expect(textOf(corrected.querySelector('.govuk-summary-list')))
      .to.include('Still owed from corrections')
      .and.include('EUR 75.00');
    const dutch = page((await agent.get(`/centre/statements/${second.id}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal('Afrekening tot en met 12 januari 2089');
    expect(textOf(dutch.querySelector('#lines'))).to.include('Correctie');

    const csv = await agent.get(`/centre/statements/${second.id}/csv`).expect(200);
    expect(csv.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).to.equal(`attachment; filename=statement-${programme}-2089-01-12.csv`);
    const records = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(records[0]).to.equal('Date,Description,Hours,Rate,Amount,Currency,Correction');
    expect(records.slice(1).map((record) => record.split(',').slice(-3))).to.deep.include.members([
      ['25.00', 'EUR', 'no'],
      ['-25.00', 'EUR', 'yes'],
      ['0.00', 'EUR', ''],
    ]);

    const pdf = await agent.get(`/centre/statements/${first.id}/pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['content-disposition']).to.equal(`attachment; filename=statement-${programme}-2089-01-10.pdf`);
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).to.equal('%PDF-');
    const text = (await new PDFParse({ data: new Uint8Array(body) }).getText()).text.replace(/\s+/g, ' ');
    expect(text)
      .to.include('Statement')
      .and.include('Centre: Loopbaan, "De Brug" & co')
      .and.include('Up to: 10 January 2089')
      .and.include('Paid on: 10 January 2089')
      .and.include('EUR 100.00')
      .and.include('EUR 50.00')
      .and.include('Total')
      .and.include('EUR 150.00');
  });

  it('when a centre asks for another centre’s statement, then every page and file is the portal’s 404', async () => {
    day('2089-02-10');
    const centre = await createCentre(h, { programme });
    const other = await createCentre(h, { programme });
    await sessionToday(h, await chequeInUse(h, admin, programme, other), '1.00');
    const theirs = await settle(other);
    const agent = await signedIn(h, centre);
    const none = page((await agent.get('/centre/statements').expect(200)).text);
    expect(textOf(none.querySelector('main'))).to.include('Your centre has no statements yet.');
    for (const path of [
      `/centre/statements/${theirs.id}`,
      `/centre/statements/${theirs.id}/csv`,
      `/centre/statements/${theirs.id}/pdf`,
      '/centre/statements/nope',
    ]) {
      expect(textOf(page((await agent.get(path).expect(404)).text).querySelector('h1'))).to.equal('Page not found');
    }
    await agent.get('/centre/statements?cursor=not-a-cursor').expect(404);
  });

  it('when a CSV field holds a comma, a quote, a line break or starts like a formula, then it is quoted and kept as text', () => {
    expect(csvField('plain')).to.equal('plain');
    expect(csvField('a, b')).to.equal('"a, b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('two\nlines')).to.equal('"two\nlines"');
    expect(csvField('=SUM(A1)')).to.equal("'=SUM(A1)");
    expect(csvField('-25.00', false)).to.equal('-25.00');
  });
});

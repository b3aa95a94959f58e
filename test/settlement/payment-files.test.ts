import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { create } from 'xmlbuilder2';
import { z } from 'zod';
import { queryRows } from '../../server/db/database.js';
import { createActor, idempotencyKey, type Actor } from '../support/actors.js';
import { payStatementWithFourEyes } from '../support/approvals.js';
import { createCentre, type TestCentre } from '../support/centre-factory.js';
import { harness, type Harness } from '../support/harness.js';
import { openItaLike, openLbcLike } from '../support/reference-like-programmes.js';
import { belgianIban, DEBTOR, setCentreAccount, setDebtorAccount } from './support/bank-accounts.js';
import { chequeInUse, sessionToday } from './support/lbc-fixture.js';
import { pain001SchemaErrors } from './support/pain001-schema.js';
import { uniqueEnterpriseNumber } from '../support/centre-factory.js';

type StatementJson = { id: string; centreId: string; total: { amount: string } };

/** The parts of a pain.001 message the tests read, as xmlbuilder2 reads the XML into an object. */
const transferSchema = z.object({
  CdtrAcct: z.object({ Id: z.object({ IBAN: z.string() }) }),
  Amt: z.object({ InstdAmt: z.object({ '@Ccy': z.string(), '#': z.string() }) }),
});
const pain001Schema = z.object({
  Document: z.object({
    CstmrCdtTrfInitn: z.object({
      GrpHdr: z.object({ MsgId: z.string(), NbOfTxs: z.string(), CtrlSum: z.string() }),
      PmtInf: z.object({
        CtrlSum: z.string(),
        DbtrAgt: z.object({ FinInstnId: z.object({ BICFI: z.string() }) }),
        // One transaction reads as an object, several as an array.
        CdtTrfTxInf: z.union([z.array(transferSchema), transferSchema.transform((one) => [one])]),
      }),
    }),
  }),
});
const readPain001 = (xml: string) => pain001Schema.parse(create(xml).end({ format: 'object' })).Document.CstmrCdtTrfInitn;

// The file's own LBC-like programme at a fee of 100.00 an hour, so each statement's total is hours x 100.
const FEE = '100.000';

describe('SEPA credit transfer files (pain.001.001.09) of approved statements', () => {
  let h: Harness;
  let admin: Actor;
  let second: Actor;
  let auditor: Actor;
  let programme: string;

  const settle = async (code: string) => {
    const res = await h.http
      .post('/v1/settlements')
      .set(admin.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ programme: code, periodEnd: h.clock.today() });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; statements: StatementJson[] };
  };
  // The accounts are set by `admin` in these tests: the files are made by `second` (four eyes).
  const makeFile = (runId: string, actor: Actor = second) =>
    h.http.post(`/v1/settlements/${runId}/payment-files`).set(actor.auth).set('Idempotency-Key', idempotencyKey());
  const centreWithHours = async (hours: string[]) => {
    const centre = await createCentre(h, { programme });
    const cheque = await chequeInUse(h, admin, programme, centre);
    for (const each of hours) await sessionToday(h, cheque, each);
    return centre;
  };

  before(async () => {
    h = harness();
    h.clock.set('2090-03-02T10:00:00Z');
    const opened = await openLbcLike(h, { values: { hourlyFee: FEE } });
    ({ code: programme, author: admin } = opened);
    second = await createActor(h, 'admin');
    auditor = await createActor(h, 'auditor');
  });
  // The root hooks put the clock back after each test: each starts on this day.
  beforeEach(() => h.clock.set('2090-03-02T10:00:00Z'));

  it("when two centres are approved for payment and a third is not, then the file pays the two, validates against the EPC schema, and its control sums are the statements' totals", async () => {
    await setDebtorAccount(h, admin.auth, programme);
    const hours: Record<string, string[]> = { a: ['1.50', '0.25'], b: ['0.75'], c: ['1.00'] };
    const centres: Record<string, TestCentre> = {};
    const ibans: Record<string, string> = {};
    for (const [key, sessions] of Object.entries(hours)) {
      centres[key] = await centreWithHours(sessions);
      ibans[key] = await setCentreAccount(h, admin.auth, centres[key].id);
    }
    const run = await settle(programme);
    const statementOf = (key: string) => run.statements.find((statement) => statement.centreId === centres[key]!.id)!;
    for (const key of ['a', 'b']) await payStatementWithFourEyes(h, admin.auth, second.auth, statementOf(key).id);

    // The administrator who set the centres' accounts may not send them money.
    const own = await makeFile(run.id, admin);
    expect(own.status).to.equal(409);
    expect(own.body.code).to.equal('four_eyes_required');
    expect(own.body.centreIds).to.have.members([centres.a!.id, centres.b!.id]);
    const created = await makeFile(run.id);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    // Computed here from the sessions: hours x 100.00 for each paid centre.
    const expected = (key: string) => hours[key]!.reduce((sum, each) => sum.plus(new Decimal(each).times(100)), new Decimal(0));
    const total = expected('a').plus(expected('b')).toFixed(2);
    expect(created.body.controlSum).to.deep.equal({ amount: total, currency: 'EUR' });
    expect(created.body.transactions).to.equal(2);
    expect(created.body.messageId).to.match(/^LA[0-9a-f]{32}$/);

    const download = await h.http
      .get(`/v1/payment-files/${created.body.id as string}/pain001`)
      .set(auditor.auth)
      .expect(200);
    expect(download.headers['content-type']).to.equal('application/xml; charset=utf-8');
    expect(download.headers['content-disposition']).to.equal(`attachment; filename="${created.body.messageId as string}.xml"`);
    const xml = download.text;
    expect(await pain001SchemaErrors(xml)).to.deep.equal([]);

    const message = readPain001(xml);
    expect(message.GrpHdr.MsgId).to.equal(created.body.messageId);
    expect(message.GrpHdr.NbOfTxs).to.equal('2');
    expect(message.GrpHdr.CtrlSum).to.equal(total);
    expect(message.PmtInf.CtrlSum).to.equal(total);
    expect(message.PmtInf.DbtrAgt.FinInstnId.BICFI).to.equal(DEBTOR.bic);
    const transfers = message.PmtInf.CdtTrfTxInf.map((transfer) => ({
      iban: transfer.CdtrAcct.Id.IBAN,
      amount: transfer.Amt.InstdAmt['#'],
      currency: transfer.Amt.InstdAmt['@Ccy'],
    }));
    expect(transfers).to.have.deep.members([
      { iban: ibans.a, amount: expected('a').toFixed(2), currency: 'EUR' },
      { iban: ibans.b, amount: expected('b').toFixed(2), currency: 'EUR' },
    ]);
    const sum = transfers.reduce((acc, transfer) => acc.plus(transfer.amount), new Decimal(0));
    expect(sum.toFixed(2)).to.equal(total);

    // Downloaded again: the same file, byte for byte, even after the centre's account changed.
    await setCentreAccount(h, admin.auth, centres.a!.id);
    const again = await h.http
      .get(`/v1/payment-files/${created.body.id as string}/pain001`)
      .set(admin.auth)
      .expect(200);
    expect(again.text).to.equal(xml);

    // Nothing approved is left out of a file: a second file is refused.
    const nothing = await makeFile(run.id);
    expect(nothing.status).to.equal(409);
    expect(nothing.body.code).to.equal('nothing_to_transfer');

    // The third centre's payment approved later: the next file holds it alone, under a new message id.
    await payStatementWithFourEyes(h, admin.auth, second.auth, statementOf('c').id);
    const nextFile = await makeFile(run.id);
    expect(nextFile.status, JSON.stringify(nextFile.body)).to.equal(201);
    expect(nextFile.body.messageId).not.to.equal(created.body.messageId);
    expect(nextFile.body.statements.map((item: { statementId: string }) => item.statementId)).to.deep.equal([statementOf('c').id]);
    expect(nextFile.body.controlSum.amount).to.equal(expected('c').toFixed(2));

    const read = await h.http.get(`/v1/settlements/${run.id}`).set(auditor.auth).expect(200);
    expect(read.body.paymentFiles.map((file: { id: string }) => file.id)).to.deep.equal([created.body.id, nextFile.body.id]);
    expect(read.body.paid).to.equal(3);
    // Newest first, a page at a time: the second page follows the first without a gap.
    const later = await settle(programme);
    const first = await h.http.get('/v1/settlements').query({ programme, limit: 1 }).set(auditor.auth).expect(200);
    expect(first.body.items.map((item: { id: string }) => item.id)).to.deep.equal([later.id]);
    const next = await h.http
      .get('/v1/settlements')
      .query({ programme, limit: 1, cursor: first.body.nextCursor })
      .set(auditor.auth)
      .expect(200);
    expect(next.body.items.map((item: { id: string }) => item.id)).to.deep.equal([run.id]);
    expect(next.body.items[0]).to.include({ statements: 3, paid: 3 });
    expect(next.body.items[0].total.amount).to.equal(expected('a').plus(expected('b')).plus(expected('c')).toFixed(2));
  });

  it('when a centre to be paid has no bank account, or the programme no debtor account, then no file is made and the problem says which', async () => {
    const code = (await openLbcLike(h, { values: { hourlyFee: FEE } })).code;
    const centre = await createCentre(h, { programme: code });
    await sessionToday(h, await chequeInUse(h, admin, code, centre), '1.00');
    const run = await settle(code);
    await payStatementWithFourEyes(h, admin.auth, second.auth, run.statements[0]!.id);

    const noDebtor = await makeFile(run.id);
    expect(noDebtor.status).to.equal(422);
    expect(noDebtor.body.code).to.equal('debtor_account_missing');
    await setDebtorAccount(h, admin.auth, code);
    const noAccount = await makeFile(run.id);
    expect(noAccount.status).to.equal(422);
    expect(noAccount.body.code).to.equal('bank_account_missing');
    expect(noAccount.body.centreIds).to.deep.equal([centre.id]);
    await setCentreAccount(h, admin.auth, centre.id);
    expect((await makeFile(run.id)).status).to.equal(201);
  });

  it('when the programme pays in pounds, then a file is refused with 422 currency_not_sepa', async () => {
    const ita = await openItaLike(h);
    const run = await settle(ita.code);
    const res = await makeFile(run.id);
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('currency_not_sepa');
    expect(res.body.detail).to.include('GBP');
  });

  it('when an auditor or centre staff asks for a file, then they are refused; an unknown run or file is a 404', async () => {
    const run = await settle(programme);
    expect((await makeFile(run.id, auditor)).status).to.equal(403);
    expect((await makeFile('00000000-0000-4000-8000-000000000000')).status).to.equal(404);
    await h.http.get('/v1/payment-files/00000000-0000-4000-8000-000000000000/pain001').set(admin.auth).expect(404);
    const staff = await createActor(h, 'centre', { centreId: (await createCentre(h, { programme })).id });
    await h.http.get(`/v1/settlements/${run.id}`).set(staff.auth).expect(403);
  });

  it('when a bank account has a wrong check digit, a bad length or a malformed BIC, then it is refused naming the field; spaces and lower case are accepted', async () => {
    const centre = await createCentre(h, { programme });
    const put = (body: object) => h.http.put(`/v1/centres/${centre.id}/bank-account`).set(admin.auth).send(body);
    const wrongCheck = await put({ iban: 'BE69539007547034', bic: 'GKCCBEBB' });
    expect(wrongCheck.status).to.equal(400);
    expect(wrongCheck.body.errors).to.deep.equal([{ path: '/iban', message: 'check digits do not match (ISO 13616, mod 97)' }]);
    const short = await put({ iban: 'BE6853900754703', bic: 'GKCCBEBB' });
    expect(short.body.errors[0].path).to.equal('/iban');
    const badBic = await put({ iban: 'BE68539007547034', bic: 'GKCC1EBB' });
    expect(badBic.status).to.equal(400);
    expect(badBic.body.errors[0].path).to.equal('/bic');
    const ok = await put({ iban: 'be68 5390 0754 7034', bic: 'gkcc bebb' }).expect(200);
    expect(ok.body).to.include({ centreId: centre.id, iban: 'BE68539007547034', bic: 'GKCCBEBB' });
    const badDebtor = await h.http
      .put(`/v1/programmes/${programme}/debtor-account`)
      .set(admin.auth)
      .send({ name: '', iban: 'XX', bic: 'X' });
    expect(badDebtor.status).to.equal(400);
    expect(badDebtor.body.errors.map((error: { path: string }) => error.path)).to.have.members(['/name', '/iban', '/bic']);
    await h.http
      .put('/v1/programmes/NOPE/debtor-account')
      .set(admin.auth)
      .send({ ...DEBTOR, iban: belgianIban() })
      .expect(404);
  });

  it('when an account is replaced, then the audit log keeps it before and after, by whom', async () => {
    const centre = await createCentre(h, { programme });
    const old = await setCentreAccount(h, admin.auth, centre.id);
    const replaced = await setCentreAccount(h, second.auth, centre.id);
    const [entry] = await queryRows<{ actor_id: string; before: { iban: string }; after: { iban: string } }>(
      h.ownerSequelize,
      `SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = 'centre.bank_account' ORDER BY id DESC LIMIT 1`,
      [centre.id],
    );
    expect(entry).to.deep.include({
      actor_id: second.principal.userId,
      before: { iban: old, bic: 'KREDBEBB' },
      after: { iban: replaced, bic: 'KREDBEBB' },
    });
    const code = (await openLbcLike(h)).code;
    await setDebtorAccount(h, admin.auth, code);
    await setDebtorAccount(h, second.auth, code);
    const [debtor] = await queryRows<{ before: { name: string } | null }>(
      h.ownerSequelize,
      `SELECT before FROM audit_log WHERE entity_id = $1 AND action = 'programme.debtor_account' ORDER BY id DESC LIMIT 1`,
      [code],
    );
    expect(debtor!.before!.name).to.equal(DEBTOR.name);
  });

  it('when a centre is registered with a bank account, then it is stored with it; without one, its account is null', async () => {
    const iban = belgianIban();
    const withAccount = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({
        name: 'Centre met rekening',
        enterpriseNumber: uniqueEnterpriseNumber(),
        email: 'bank@centre.example',
        bankAccount: { iban, bic: 'BBRUBEBB' },
      });
    expect(withAccount.status, JSON.stringify(withAccount.body)).to.equal(201);
    expect(withAccount.body.bankAccount).to.deep.equal({ iban, bic: 'BBRUBEBB' });
    const without = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({ name: 'Centre zonder rekening', enterpriseNumber: uniqueEnterpriseNumber(), email: 'nobank@centre.example' })
      .expect(201);
    expect(without.body.bankAccount).to.equal(null);
    const bad = await h.http
      .post('/v1/centres')
      .set(admin.auth)
      .send({
        name: 'Centre',
        enterpriseNumber: uniqueEnterpriseNumber(),
        email: 'x@centre.example',
        bankAccount: { iban: 'BE00539007547034', bic: 'BBRUBEBB' },
      });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].path).to.equal('/bankAccount/iban');
  });
});

import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../../server/db/database.js';
import { ibanWithCheckDigits } from '../../../server/validation/bank-account.js';
import { createCentre } from '../../support/centre-factory.js';
import { harness, type Harness } from '../../support/harness.js';
import { csrfOf, page, textOf, type Agent } from '../../support/pages.js';
import { openLbcLike } from '../../support/reference-like-programmes.js';
import { belgianIban } from '../../settlement/support/bank-accounts.js';
import { changeForms, outsiders, staffOf, type Staff } from './admin-pages-support.js';

type AuditRow = { actor_id: string; before: unknown; after: unknown };
const auditOf = (h: Harness, entityId: string, action: string) =>
  queryRows<AuditRow>(h.ownerSequelize, `SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY at`, [
    entityId,
    action,
  ]);
const centreAccount = async (h: Harness, centreId: string) =>
  (
    await queryRows<{ iban: string; bic: string; updated_by: string }>(
      h.ownerSequelize,
      `SELECT iban, bic, updated_by FROM centre_bank_accounts WHERE centre_id = $1`,
      [centreId],
    )
  )[0];
const debtorAccount = async (h: Harness, code: string) =>
  (
    await queryRows<{ name: string; iban: string; bic: string }>(
      h.ownerSequelize,
      `SELECT name, iban, bic FROM programme_debtor_accounts WHERE programme_code = $1`,
      [code],
    )
  )[0];

/** The IBAN with one check digit changed: its shape and length hold, its mod-97 check does not. */
const badCheckDigits = (iban: string) => `${iban.slice(0, 2)}${(Number(iban[2]) + 1) % 10}${iban.slice(3)}`;
const grouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');
const errorSummary = (html: string) => textOf(page(html).querySelector('.govuk-error-summary'));

/** The hidden answers of the check page's confirming form. */
const confirmAnswers = (html: string, action: string) =>
  Object.fromEntries(
    page(html)
      .querySelector(`form[action="${action}"]`)!
      .querySelectorAll('input[type="hidden"]')
      .map((input) => [input.getAttribute('name')!, input.getAttribute('value') ?? '']),
  );

describe('Admin portal: bank accounts of centres and the account a programme pays from', () => {
  let h: Harness;
  let admin: Staff;
  let auditor: Staff;
  let outside: Agent[];
  before(async () => {
    h = harness();
    admin = await staffOf(h, 'admin');
    auditor = await staffOf(h, 'auditor');
    outside = await outsiders(h);
  });

  it("when an administrator sets a centre's bank account through the check page, then it is stored, audited once and shown grouped in fours; bad input is named and changes nothing", async () => {
    const centre = await createCentre(h);
    const path = `/admin/centres/${centre.id}/bank-account`;
    const before = page((await admin.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    expect(textOf(before.querySelector('main')))
      .to.include('Bank account')
      .and.include('Not given');
    expect(before.querySelector(`a[href="${path}"]`)?.textContent).to.equal('Change bank account');

    const form = await admin.agent.get(path).expect(200);
    const formPage = page(form.text);
    expect(formPage.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(formPage.querySelector('title'))).to.equal(`Bank account of ${centre.name} – Learning Accounts`);
    const csrf = csrfOf(form.text);
    const iban = belgianIban();

    // Without the form's token: refused, nothing stored.
    await admin.agent.post(path).type('form').send({ iban, bic: 'KREDBEBB' }).expect(403);
    await admin.agent.post(`${path}/confirm`).type('form').send({ iban, bic: 'KREDBEBB' }).expect(403);

    const bad = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, iban: badCheckDigits(iban), bic: 'KRED' })
      .expect(400);
    expect(errorSummary(bad.text))
      .to.include("The IBAN's check digits do not match")
      .and.include('Enter a BIC of 8 or 11 letters and digits');
    expect(page(bad.text).querySelector('a[href="#iban"]')).to.not.equal(null);
    expect(page(bad.text).querySelector('a[href="#bic"]')).to.not.equal(null);
    const shape = await admin.agent.post(path).type('form').send({ _csrf: csrf, iban: 'not an iban', bic: 'KREDBEBB' }).expect(400);
    expect(errorSummary(shape.text)).to.include('Enter an IBAN: 2 letters of a country');
    // Check digits that match, but 15 digits where a Belgian account has 12.
    const tooLong = ibanWithCheckDigits('BE', '539007547034000');
    const length = await admin.agent.post(path).type('form').send({ _csrf: csrf, iban: tooLong, bic: 'KREDBEBB' }).expect(400);
    expect(errorSummary(length.text)).to.include('too many or too few characters');
    const empty = await admin.agent.post(path).type('form').send({ _csrf: csrf }).expect(400);
    expect(errorSummary(empty.text)).to.include('Enter the IBAN');
    // The confirmation checks the answers again.
    await admin.agent
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrf, iban: badCheckDigits(iban), bic: 'KREDBEBB' })
      .expect(400);
    expect(await centreAccount(h, centre.id)).to.equal(undefined);

    // Typed with spaces and in lower case: the check page shows it grouped, nothing stored yet.
    const typed = grouped(iban).toLowerCase();
    const check = await admin.agent.post(path).type('form').send({ _csrf: csrf, iban: typed, bic: 'kred bebb' }).expect(200);
    const checkPage = page(check.text);
    expect(textOf(checkPage.querySelector('h1'))).to.equal('Check the bank account before you save it');
    expect(textOf(checkPage.querySelector('.govuk-summary-list')))
      .to.include(centre.name)
      .and.include(grouped(iban))
      .and.include('KREDBEBB')
      .and.include('Replaces Not given');
    expect(textOf(checkPage.querySelector('.govuk-warning-text'))).to.include(
      "Whoever sets a centre's bank account cannot make a transfer file that pays it",
    );
    expect(await centreAccount(h, centre.id)).to.equal(undefined);

    // "Change" brings the answers back into the form.
    const answers = confirmAnswers(check.text, `${path}/confirm`);
    expect(answers).to.include({ iban, bic: 'KREDBEBB' });
    const edit = page(
      (
        await admin.agent
          .post(path)
          .type('form')
          .send({ ...answers, step: 'edit' })
          .expect(200)
      ).text,
    );
    expect(edit.querySelector('input[name="iban"]')?.getAttribute('value')).to.equal(iban);

    const saved = await admin.agent.post(`${path}/confirm`).type('form').send(answers).expect(303);
    expect(saved.headers.location).to.equal(`/admin/centres/${centre.id}?done=bankAccount#bank-account`);
    expect(await centreAccount(h, centre.id)).to.deep.equal({ iban, bic: 'KREDBEBB', updated_by: admin.actor.principal.userId });
    // Sent twice (a double click): stored and audited once.
    await admin.agent.post(`${path}/confirm`).type('form').send(answers).expect(303);
    const audit = await auditOf(h, centre.id, 'centre.bank_account');
    expect(audit).to.deep.equal([{ actor_id: admin.actor.principal.userId, before: null, after: { iban, bic: 'KREDBEBB' } }]);

    const after = page((await admin.agent.get(saved.headers.location as string).expect(200)).text);
    expect(textOf(after.querySelector('.govuk-notification-banner'))).to.include('The bank account was saved.');
    const main = textOf(after.querySelector('main'));
    expect(main).to.include(grouped(iban)).and.include('KREDBEBB').and.include('You set this account last');
    // The form starts from the account as it is.
    const refill = page((await admin.agent.get(path).expect(200)).text);
    expect(refill.querySelector('input[name="iban"]')?.getAttribute('value')).to.equal(grouped(iban));

    // A new account replaces it: the check page names the one it replaces, the audit both.
    const next = belgianIban();
    const replace = await admin.agent.post(path).type('form').send({ _csrf: csrf, iban: next, bic: 'GKCCBEBB' }).expect(200);
    expect(textOf(page(replace.text).querySelector('.govuk-summary-list'))).to.include(`Replaces ${grouped(iban)}, KREDBEBB`);
    await admin.agent
      .post(`${path}/confirm`)
      .type('form')
      .send(confirmAnswers(replace.text, `${path}/confirm`))
      .expect(303);
    expect((await auditOf(h, centre.id, 'centre.bank_account'))[1]).to.deep.include({
      before: { iban, bic: 'KREDBEBB' },
      after: { iban: next, bic: 'GKCCBEBB' },
    });
  });

  it("when an auditor reads a centre with a bank account, then the account shows and no form or change link does; the forms are the portal's 404 for the auditor, a citizen and a centre", async () => {
    const centre = await createCentre(h);
    const iban = belgianIban();
    await h.http.put(`/v1/centres/${centre.id}/bank-account`).set(admin.actor.auth).send({ iban, bic: 'KREDBEBB' }).expect(200);
    const path = `/admin/centres/${centre.id}/bank-account`;

    const read = page((await auditor.agent.get(`/admin/centres/${centre.id}`).expect(200)).text);
    expect(textOf(read.querySelector('main')))
      .to.include(grouped(iban))
      .and.include('KREDBEBB')
      .and.not.include('You set this account last');
    expect(read.querySelector(`a[href="${path}"]`)).to.equal(null);
    expect(changeForms(read)).to.deep.equal([]);
    const csrf = csrfOf(read.toString());
    await auditor.agent.get(path).expect(404);
    await auditor.agent.post(path).type('form').send({ _csrf: csrf, iban: belgianIban(), bic: 'KREDBEBB' }).expect(404);
    await auditor.agent.post(`${path}/confirm`).type('form').send({ _csrf: csrf, iban: belgianIban(), bic: 'KREDBEBB' }).expect(404);
    for (const outsider of outside) {
      await outsider.get(path).expect(404);
      await outsider.get(`/admin/centres/${centre.id}`).expect(404);
    }
    expect((await centreAccount(h, centre.id))?.iban).to.equal(iban);
    await admin.agent.get(`/admin/centres/${randomUUID()}/bank-account`).expect(404);
    await admin.agent.get('/admin/centres/not-a-centre/bank-account').expect(404);
  });

  it('when an administrator reads the bank account pages in Dutch, then they and their problems are in Dutch', async () => {
    const centre = await createCentre(h);
    const path = `/admin/centres/${centre.id}/bank-account`;
    const centrePage = page((await admin.agent.get(`/admin/centres/${centre.id}`).set('Cookie', 'lang=nl').expect(200)).text);
    expect(centrePage.querySelector(`a[href="${path}"]`)?.textContent).to.equal('Bankrekening wijzigen');
    expect(textOf(centrePage.querySelector('main'))).to.include('Niet opgegeven');
    const form = await admin.agent.get(path).set('Cookie', 'lang=nl').expect(200);
    expect(textOf(page(form.text).querySelector('h1'))).to.equal(`Bankrekening van ${centre.name}`);
    const bad = await admin.agent
      .post(path)
      .set('Cookie', 'lang=nl')
      .type('form')
      .send({ _csrf: csrfOf(form.text), iban: badCheckDigits(belgianIban()), bic: 'x' })
      .expect(400);
    expect(errorSummary(bad.text))
      .to.include('De controlecijfers van de IBAN kloppen niet')
      .and.include('Vul een BIC in van 8 of 11 letters en cijfers');
    const check = await admin.agent
      .post(path)
      .set('Cookie', 'lang=nl')
      .type('form')
      .send({ _csrf: csrfOf(form.text), iban: belgianIban(), bic: 'KREDBEBB' })
      .expect(200);
    expect(textOf(page(check.text).querySelector('h1'))).to.equal('Controleer de bankrekening voor u ze bewaart');
    expect(textOf(page(check.text).querySelector('.govuk-warning-text'))).to.include('een andere beheerder');
  });

  it("when an administrator sets the account a programme pays from through the check page, then it is stored and audited; bad input is named and changes nothing; the auditor reads it without a form; others get the portal's 404", async () => {
    const { code } = await openLbcLike(h);
    const names = (await h.http.get(`/v1/programmes/${code}`).expect(200)).body.names as { en: string; nl: string };
    const show = `/admin/programmes/${code}/debtor-account`;
    const path = `${show}/change`;

    const none = page((await admin.agent.get(show).expect(200)).text);
    expect(none.querySelectorAll('h1')).to.have.length(1);
    expect(textOf(none.querySelector('h1'))).to.equal(`Account ${names.en} pays from`);
    expect(textOf(none.querySelector('#debtor-account'))).to.include('Not given');
    expect(none.querySelector(`a[href="${path}"]`)).to.not.equal(null);
    expect(none.querySelector(`a[href="/admin/programmes/${code}"]`)).to.not.equal(null);

    const form = await admin.agent.get(path).expect(200);
    const csrf = csrfOf(form.text);
    const iban = belgianIban();
    await admin.agent.post(path).type('form').send({ name: 'VDAB', iban, bic: 'GKCCBEBB' }).expect(403);
    const bad = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, name: 'x'.repeat(71), iban: badCheckDigits(iban), bic: 'GKCCBEBB' })
      .expect(400);
    expect(errorSummary(bad.text))
      .to.include("Enter the account holder's name on one line, at most 70 characters")
      .and.include("The IBAN's check digits do not match")
      .and.not.include('BIC');
    await admin.agent.post(path).type('form').send({ _csrf: csrf, name: 'Bad\u0000name', iban, bic: 'GKCCBEBB' }).expect(400);
    expect(await debtorAccount(h, code)).to.equal(undefined);

    const check = await admin.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, name: ' VDAB ', iban: grouped(iban), bic: 'GKCCBEBB' })
      .expect(200);
    expect(textOf(page(check.text).querySelector('.govuk-summary-list')))
      .to.include(names.en)
      .and.include('VDAB')
      .and.include(grouped(iban));
    expect(await debtorAccount(h, code)).to.equal(undefined);
    const answers = confirmAnswers(check.text, `${path}/confirm`);
    const saved = await admin.agent.post(`${path}/confirm`).type('form').send(answers).expect(303);
    expect(saved.headers.location).to.equal(`${show}?done=saved`);
    await admin.agent.post(`${path}/confirm`).type('form').send(answers).expect(303);
    expect(await debtorAccount(h, code)).to.deep.equal({ name: 'VDAB', iban, bic: 'GKCCBEBB' });
    expect(await auditOf(h, code, 'programme.debtor_account')).to.deep.equal([
      { actor_id: admin.actor.principal.userId, before: null, after: { name: 'VDAB', iban, bic: 'GKCCBEBB' } },
    ]);
    const shown = page((await admin.agent.get(saved.headers.location as string).expect(200)).text);
    expect(textOf(shown.querySelector('.govuk-notification-banner'))).to.include('The account to pay from was saved.');
    expect(textOf(shown.querySelector('#debtor-account')))
      .to.include('VDAB')
      .and.include(grouped(iban));

    const refill = page((await admin.agent.get(path).expect(200)).text);
    expect(refill.querySelector('input[name="name"]')?.getAttribute('value')).to.equal('VDAB');

    const read = page((await auditor.agent.get(show).expect(200)).text);
    expect(textOf(read.querySelector('#debtor-account'))).to.include(grouped(iban));
    expect(read.querySelector(`a[href="${path}"]`)).to.equal(null);
    expect(changeForms(read)).to.deep.equal([]);
    await auditor.agent.get(path).expect(404);
    await auditor.agent
      .post(`${path}/confirm`)
      .type('form')
      .send({ ...answers, _csrf: csrfOf(read.toString()) })
      .expect(404);
    for (const outsider of outside) {
      await outsider.get(show).expect(404);
      await outsider.get(path).expect(404);
    }
    await admin.agent.get('/admin/programmes/NOSUCH/debtor-account').expect(404);
    await admin.agent.get('/admin/programmes/not-a-code/debtor-account/change').expect(404);

    const dutch = page((await admin.agent.get(show).set('Cookie', 'lang=nl').expect(200)).text);
    expect(textOf(dutch.querySelector('h1'))).to.equal(`Rekening waarvan ${names.nl} betaalt`);
    const dutchForm = await admin.agent.get(path).set('Cookie', 'lang=nl').expect(200);
    const dutchBad = await admin.agent
      .post(path)
      .set('Cookie', 'lang=nl')
      .type('form')
      .send({ _csrf: csrfOf(dutchForm.text), name: '', iban, bic: 'GKCCBEBB' })
      .expect(400);
    expect(errorSummary(dutchBad.text)).to.include('Vul de naam van de rekeninghouder in');
  });
});

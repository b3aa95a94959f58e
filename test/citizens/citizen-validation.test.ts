import { expect } from 'chai';
import { harness } from '../support/harness.js';
import { createActor, type Actor } from '../support/actors.js';
import { validNrn } from '../support/citizen-factory.js';
import { flemishFacts, registrationBody } from './registration-body.js';

type Body = ReturnType<typeof registrationBody>;
const withFacts = (change: Record<string, unknown>) => (body: Body) => ({ ...body, facts: { ...body.facts, ...change } });
const withIncome = (change: Record<string, unknown>) => (body: Body) => ({
  ...body,
  facts: { ...body.facts, annualIncome: { ...flemishFacts().annualIncome, ...change } },
});
const without = (field: string) => (body: Body) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));
const nrnWithWrongCheck = () => {
  const nrn = validNrn();
  return `${nrn.slice(0, 9)}${String((Number(nrn.slice(9)) % 97) + 1).padStart(2, '0')}`;
};

// [what, how the valid body is spoiled, the JSON pointer the error must name]
const CASES: [string, (body: Body) => Record<string, unknown>, string][] = [
  ['a name that is a number', (body) => ({ ...body, name: 42 }), '/name'],
  ['a name with a NUL character', (body) => ({ ...body, name: 'Bad\u0000Name' }), '/name'],
  ['a name with half a surrogate pair', (body) => ({ ...body, name: 'Bad\ud83dName' }), '/name'],
  ['a name of spaces only', (body) => ({ ...body, name: '   ' }), '/name'],
  ['an e-mail that is not one', (body) => ({ ...body, email: 'not-an-email' }), '/email'],
  ['a password that is too short', (body) => ({ ...body, password: 'short' }), '/password'],
  ['a missing national id', without('nationalId'), '/nationalId'],
  ['a missing e-mail', without('email'), '/email'],
  ['missing facts', without('facts'), '/facts'],
  ['an unknown field', (body) => ({ ...body, nickname: 'Bob' }), '/nickname'],
  ['an unknown fact', withFacts({ shoeSize: 44 }), '/facts/shoeSize'],
  ['national register number check digits that do not match', (body) => ({ ...body, nationalId: nrnWithWrongCheck() }), '/nationalId'],
  ['a national register number of 10 digits', (body) => ({ ...body, nationalId: '8507300332' }), '/nationalId'],
  ['a NINO with a forbidden prefix letter', (body) => ({ ...body, nationalId: 'DA123456A' }), '/nationalId'],
  ['a NINO with an unallocated prefix', (body) => ({ ...body, nationalId: 'GB123456A' }), '/nationalId'],
  ['a national id that is neither scheme', (body) => ({ ...body, nationalId: '+++' }), '/nationalId'],
  ['an unknown country code', withFacts({ residenceCountry: 'XX' }), '/facts/residenceCountry'],
  ['a highest qualification above ISCED level 8', withFacts({ highestQualification: 9 }), '/facts/highestQualification'],
  ['a highest qualification between two levels', withFacts({ highestQualification: 2.5 }), '/facts/highestQualification'],
  ['a highest qualification as text', withFacts({ highestQualification: 'bachelor' }), '/facts/highestQualification'],
  ['a sex the facts do not know', withFacts({ sex: 'unknown' }), '/facts/sex'],
  ['a sex in capitals', withFacts({ sex: 'Female' }), '/facts/sex'],
  ['a lower-case country code', withFacts({ residenceCountry: 'be' }), '/facts/residenceCountry'],
  ['a birth date that does not exist', withFacts({ birthDate: '2023-02-29' }), '/facts/birthDate'],
  ['a birth date in the future', withFacts({ birthDate: '2027-01-01' }), '/facts/birthDate'],
  ['a birth date as a timestamp', withFacts({ birthDate: '1984-02-29T00:00:00Z' }), '/facts/birthDate'],
  ['a Scottish region for a Belgian resident', withFacts({ residenceRegion: 'SCT' }), '/facts/residenceRegion'],
  ['a Flemish region for a Dutch resident', withFacts({ residenceCountry: 'NL', residenceRegion: 'VLG' }), '/facts/residenceRegion'],
  ['an unknown region', withFacts({ workRegion: 'PAR' }), '/facts/workRegion'],
  ['an unknown employment status', withFacts({ employmentStatus: 'jobseeker' }), '/facts/employmentStatus'],
  ['work experience as a string', withFacts({ workExperienceDays: '3000' }), '/facts/workExperienceDays'],
  ['negative work experience', withFacts({ workExperienceDays: -1 }), '/facts/workExperienceDays'],
  ['work experience over 100 years', withFacts({ workExperienceDays: 36501 }), '/facts/workExperienceDays'],
  ['fractional work experience', withFacts({ workExperienceDays: 10.5 }), '/facts/workExperienceDays'],
  ['an income with three decimals', withIncome({ amount: '21500.001' }), '/facts/annualIncome/amount'],
  ['an income with three decimals as a number', withIncome({ amount: 21500.125 }), '/facts/annualIncome/amount'],
  ['a negative income', withIncome({ amount: '-1.00' }), '/facts/annualIncome/amount'],
  ['an income in a currency that is no ISO 4217 code', withIncome({ currency: 'XYZ' }), '/facts/annualIncome/currency'],
  ['an income year before 1990', withIncome({ year: 1989 }), '/facts/annualIncome/year'],
  ['income evidence dated in the future', withIncome({ evidenceDate: '2026-11-23' }), '/facts/annualIncome/evidenceDate'],
  [
    'an income without its evidence date',
    (body) => ({ ...body, facts: { ...body.facts, annualIncome: { amount: '1.00', currency: 'EUR', year: 2025 } } }),
    '/facts/annualIncome/evidenceDate',
  ],
  ['an unknown field inside the income', withIncome({ employer: 'ACME' }), '/facts/annualIncome/employer'],
  ['a benefit listed twice', withFacts({ benefits: ['UC', 'UC'] }), '/facts/benefits'],
  ['a lower-case benefit code', withFacts({ benefits: ['uc'] }), '/facts/benefits/0'],
  [
    'more than 20 benefits',
    withFacts({ benefits: Array.from({ length: 21 }, (_, i) => `B${String.fromCharCode(65 + i)}`) }),
    '/facts/benefits',
  ],
  ['education as a string', withFacts({ inFullTimeEducation: 'no' }), '/facts/inFullTimeEducation'],
  ['a null fact where null is not allowed', withFacts({ employmentStatus: null }), '/facts/employmentStatus'],
];

describe('registering citizens with bad input', () => {
  let admin: Actor;
  before(async () => {
    admin = await createActor(harness(), 'admin');
  });
  // The root hooks put the clock back after each test.
  beforeEach(() => harness().clock.set('2026-11-22T10:00:00Z'));

  for (const [what, spoil, path] of CASES) {
    it(`when the body has ${what}, then 400 names ${path} and nothing is written`, async () => {
      const h = harness();
      const body = spoil(registrationBody());
      const res = await h.http.post('/v1/citizens').set(admin.auth).send(body).expect(400);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(res.body).to.include({ status: 400, code: 'validation_failed' });
      expect(res.body.errors.map((error: { path: string }) => error.path)).to.include(path);
      for (const error of res.body.errors) expect(error.message).to.be.a('string').and.not.equal('');
      if (typeof body.email === 'string') {
        const [users] = await h.sequelize.query(`SELECT 1 FROM users WHERE email = lower($1)`, { bind: [body.email] });
        expect(users, 'no login written').to.have.length(0);
      }
    });
  }

  it('when several fields are wrong, then every one is reported at once', async () => {
    const body = {
      ...registrationBody(),
      name: '',
      facts: {
        residenceCountry: 'XX',
        workExperienceDays: -5,
        annualIncome: { amount: '1.999', currency: 'EUR', year: 2025, evidenceDate: '2025-02-30' },
      },
    };
    const res = await harness().http.post('/v1/citizens').set(admin.auth).send(body).expect(400);
    const paths = res.body.errors.map((error: { path: string }) => error.path);
    expect(paths).to.include.members([
      '/name',
      '/facts/residenceCountry',
      '/facts/workExperienceDays',
      '/facts/annualIncome/amount',
      '/facts/annualIncome/evidenceDate',
    ]);
  });

  it('when the body is not an object, then 400 and not a 500', async () => {
    await harness().http.post('/v1/citizens').set(admin.auth).send([1, 2]).expect(400);
    await harness().http.post('/v1/citizens').set(admin.auth).set('Content-Type', 'application/json').send('"text"').expect(400);
  });

  it('when a post-2000 national number and a zero income are given, then they are accepted', async () => {
    const facts = { ...flemishFacts(), annualIncome: { amount: 0, currency: 'EUR', year: 2025, evidenceDate: '2026-11-22' } };
    const nationalId = validNrn({ from2000: true });
    const res = await harness().http.post('/v1/citizens').set(admin.auth).send(registrationBody({ nationalId, facts })).expect(201);
    expect(res.body.nationalId).to.equal(nationalId);
    expect(res.body.facts.annualIncome.amount).to.equal('0.00');
  });
});

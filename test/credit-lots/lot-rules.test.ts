// The pure rules of lots: which are due, when they end, and the order a claim draws them in.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { drawsFor, dueLots, expiryOf, payingLots, type SpendableLot } from '../../server/credit-lots/lot-rules.js';
import type { CreditLot } from '../../server/programmes/programmes.js';

const lot = (fields: Partial<CreditLot> & { lot: string }): CreditLot => ({
  amount: '100.00',
  fromAge: null,
  group: null,
  grantedFrom: null,
  grantedUntil: null,
  expiresOn: null,
  validYears: null,
  courseTags: [],
  ...fields,
});

const spendable = (fields: Partial<SpendableLot> & { id: string }): SpendableLot => ({
  lot: fields.id,
  grantedOn: '2026-01-01',
  expiresOn: null,
  courseTags: [],
  available: new Decimal('100.00'),
  ...fields,
});

const ids = (lots: SpendableLot[]) => lots.map((l) => l.id);

describe('credit lot rules', () => {
  it('when a lot names an age, then it is due from the birthday that reaches it, and never without a birth date', () => {
    const lots = [lot({ lot: 'at_forty', fromAge: 40 })];
    expect(dueLots(lots, { birthDate: '1986-05-11', groups: [] }, '2026-05-10')).to.deep.equal([]);
    expect(dueLots(lots, { birthDate: '1986-05-10', groups: [] }, '2026-05-10')).to.have.length(1);
    expect(dueLots(lots, { birthDate: undefined, groups: [] }, '2026-05-10')).to.deep.equal([]);
  });

  it('when a lot has a grant window or a group, then it is due only inside the window and to the group', () => {
    const campaign = lot({ lot: 'campaign', grantedFrom: '2026-06-01', grantedUntil: '2026-06-30' });
    const grantee = { birthDate: '1990-01-01', groups: [] };
    expect(dueLots([campaign], grantee, '2026-05-31')).to.deep.equal([]);
    expect(dueLots([campaign], grantee, '2026-06-30')).to.have.length(1);
    expect(dueLots([campaign], grantee, '2026-07-01')).to.deep.equal([]);
    const boosted = lot({ lot: 'boost', group: 'low_qualified' });
    expect(dueLots([boosted], grantee, '2026-06-01')).to.deep.equal([]);
    expect(dueLots([boosted], { ...grantee, groups: ['low_qualified'] }, '2026-06-01')).to.have.length(1);
  });

  it('when a lot ends on a date or after some years, then its last day is that date or the day before the anniversary', () => {
    expect(expiryOf({ expiresOn: '2026-12-31', validYears: null }, '2026-05-10')).to.equal('2026-12-31');
    expect(expiryOf({ expiresOn: null, validYears: 2 }, '2026-05-10')).to.equal('2028-05-09');
    expect(expiryOf({ expiresOn: null, validYears: null }, '2026-05-10')).to.equal(null);
  });

  const lots = [
    spendable({ id: 'general_soon', expiresOn: '2026-12-31' }),
    spendable({ id: 'restricted_later', expiresOn: '2027-12-31', courseTags: ['digital'] }),
    spendable({ id: 'general_never' }),
    spendable({ id: 'restricted_other', courseTags: ['care'] }),
    spendable({ id: 'general_ended', expiresOn: '2026-05-09' }),
    spendable({ id: 'general_empty', available: new Decimal(0) }),
  ];

  it('when the order is earliest expiry first, then expiry decides and restriction breaks ties', () => {
    expect(ids(payingLots(lots, ['digital'], 'earliest_expiry_first', '2026-05-10'))).to.deep.equal([
      'general_soon',
      'restricted_later',
      'general_never',
    ]);
    const tie = [
      spendable({ id: 'general', expiresOn: '2026-12-31' }),
      spendable({ id: 'tagged', expiresOn: '2026-12-31', courseTags: ['digital'] }),
    ];
    expect(ids(payingLots(tie, ['digital'], 'earliest_expiry_first', '2026-05-10'))).to.deep.equal(['tagged', 'general']);
  });

  it('when the order is restricted first, then restricted lots pay before general ones, each by expiry', () => {
    expect(ids(payingLots(lots, ['digital'], 'restricted_first', '2026-05-10'))).to.deep.equal([
      'restricted_later',
      'general_soon',
      'general_never',
    ]);
  });

  it('when lots are equal in both criteria, then the older grant and then the name go first', () => {
    const same = [
      spendable({ id: 'b', grantedOn: '2026-02-01' }),
      spendable({ id: 'c', grantedOn: '2026-01-01' }),
      spendable({ id: 'a', grantedOn: '2026-02-01' }),
    ];
    expect(ids(payingLots(same, [], 'restricted_first', '2026-05-10'))).to.deep.equal(['c', 'a', 'b']);
  });

  it('when the price is drawn, then each lot gives what it has until the price is met', () => {
    const paying = [spendable({ id: 'x', available: new Decimal('30.00') }), spendable({ id: 'y' }), spendable({ id: 'z' })];
    expect(drawsFor(paying, new Decimal('50.00')).map((d) => [d.lotGrantId, d.amount.toFixed(2)])).to.deep.equal([
      ['x', '30.00'],
      ['y', '20.00'],
    ]);
    expect(drawsFor(paying, new Decimal('500.00')).map((d) => d.amount.toFixed(2))).to.deep.equal(['30.00', '100.00', '100.00']);
  });
});

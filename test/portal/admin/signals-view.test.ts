// How a signal case reads on the administrators' pages, for a case of every kind: its summary and
// facts in words (no catalogue key left showing), and its rows' values written as dates, hours,
// months, moments and money are written elsewhere in the portal.
import { expect } from 'chai';
import { formatsFor } from '../../../server/portal/formats.js';
import { translator } from '../../../server/portal/i18n.js';
import { caseView } from '../../../server/portal/pages/admin/signals-view.js';
import type { SignalCaseView, SignalKind } from '../../../server/signals/signals.js';

const ID = '00000000-0000-4000-8000-000000000001';

const CASES: Record<SignalKind, Pick<SignalCaseView, 'facts' | 'rows'>> = {
  counsellor_overbooked: {
    facts: { counsellor: 'Jan Peeters', date: '2031-03-03', hours: '8.25', maxHoursPerDay: 8 },
    rows: [{ session: ID, date: '2031-03-03', counsellor: 'Jan Peeters', cheque: 'ABC-123', hours: '4.00' }],
  },
  dormant_cheque: {
    facts: { cheque: 'ABC-123', lastActive: '2031-01-05', wokeOn: '2031-03-06', idleDays: 60, dormantDays: 60 },
    rows: [{ session: ID, date: '2031-03-06', counsellor: 'An', hours: '2.00', recordedAt: '2031-03-06T10:15:00.000+00:00' }],
  },
  centre_volume_jump: {
    facts: { month: '2031-06', hours: '1.75', historyHours: '1.50', historyMonths: 3, factor: 3, minHours: 20 },
    rows: [{ month: '2031-06', hours: '1.75', sessions: 2 }],
  },
  wrong_client_numbers: {
    facts: { hour: '2031-07-01T09:00:00.000Z', tries: 21, triesPerHour: 20 },
    rows: [{ hour: '2031-07-01T09:00:00.000Z', tries: 21 }],
  },
  course_claims_outlier: {
    facts: { course: 'Welding', programme: 'STAP', month: '2031-09', claims: 30, peerMedian: '2', peers: 4, factor: 5, minClaims: 10 },
    rows: [{ application: 'STAP-0000000001', date: '2031-09-08', status: 'claimed', funded: '1000.00', currency: 'EUR' }],
  },
  shared_evidence: {
    facts: { sha256: 'a'.repeat(64), citizens: 2, minCitizens: 2 },
    rows: [
      { contest: 'CT-00000001', citizen: ID, programme: 'LBC', fileName: 'payslip.png', sentAt: '2031-03-06T10:15:00.000Z' },
      { contest: 'CT-00000002', citizen: null },
    ],
  },
};

const caseOf = (kind: SignalKind): SignalCaseView => ({
  id: ID,
  kind,
  subject: kind,
  centre: null,
  status: 'open',
  detectedAt: '2031-10-01T09:00:00.000Z',
  closed: null,
  ...CASES[kind],
});

describe('Admin portal: a signal case in words', () => {
  for (const language of ['en', 'nl'] as const) {
    it(`when a case of every kind is shown in ${language}, then no catalogue key shows and its values are written as the portal writes them`, () => {
      const t = translator(language);
      for (const kind of Object.keys(CASES) as SignalKind[]) {
        const view = caseView(caseOf(kind), t, formatsFor(language), language);
        const texts = [view.kindLabel, view.explanation, view.summary, ...view.facts.map((fact) => fact.label), ...view.columns];
        expect(
          texts.filter((text) => text.startsWith('adminSignals.') || /\{\w+\}/.test(text)),
          kind,
        ).to.deep.equal([]);
      }
    });
  }

  it('when the rows are written, then dates, hours, months, moments and money read as elsewhere, and internal ids are not columns', () => {
    const en = (kind: SignalKind) => caseView(caseOf(kind), translator('en'), formatsFor('en'), 'en');
    expect(en('counsellor_overbooked').columns).to.deep.equal(['Date', 'Counsellor', 'Cheque', 'Hours']);
    expect(en('counsellor_overbooked').summary).to.equal('Jan Peeters: 8.25 hours on 3 March 2031');
    expect(en('dormant_cheque').rows[0]).to.deep.equal(['6 March 2031', 'An', '2', '6 March 2031 10:15 UTC']);
    expect(en('centre_volume_jump').rows[0]).to.deep.equal(['June 2031', '1.75', '2']);
    expect(en('course_claims_outlier').rows[0]).to.deep.equal(['STAP-0000000001', '8 September 2031', 'claimed', 'EUR 1,000.00']);
    expect(en('shared_evidence').rows[1]).to.deep.equal(['CT-00000002', '–', '–', '–', '–']);
    const nl = caseView(caseOf('centre_volume_jump'), translator('nl'), formatsFor('nl'), 'nl');
    expect(nl.rows[0]).to.deep.equal(['juni 2031', '1,75', '2']);
  });
});

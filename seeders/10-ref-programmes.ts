// The two reference programmes and their dated flow parameters (amounts, fees, periods) with
// the real numbers of docs/design/domain.md. Eligibility thresholds live in the rule sets, not here.
// Reference data: seeded in every environment, never duplicated.
import type { SeedContext } from '../server/db/migrator.js';
import { queryRows } from '../server/db/database.js';

export const REFERENCE_PROGRAMMES = [
  {
    code: 'LBC',
    kind: 'hours_voucher',
    name: 'Career guidance vouchers (Flanders loopbaancheques)',
    nameNl: 'Loopbaancheques',
    unit: 'HOUR',
    currency: 'EUR',
    parameters: [
      {
        effectiveFrom: '2020-01-01',
        note: 'Reform of 1 January 2020: 7 years of experience, 4 h + 3 h every 6 years',
        values: {
          rightHours: '7.00',
          rightPeriodYears: 6,
          voucherHours: ['4.00', '3.00'],
          coPayment: '40.00',
          coPaymentDueDays: 14,
          voucherValidityMonths: 3,
          expiredHours: 'return',
          hourlyFee: '140.256',
          placesTarget: null,
          closingDate: null,
        },
      },
      {
        effectiveFrom: '2024-01-01',
        note: 'Co-payment EUR 45 per cheque from 1 January 2024 (was EUR 40); the rest as in 2020',
        values: {
          rightHours: '7.00',
          rightPeriodYears: 6,
          voucherHours: ['4.00', '3.00'],
          coPayment: '45.00',
          coPaymentDueDays: 14,
          voucherValidityMonths: 3,
          expiredHours: 'return',
          hourlyFee: '140.256',
          placesTarget: null,
          closingDate: null,
        },
      },
    ],
  },
  {
    code: 'ITA',
    kind: 'course_grant',
    name: 'Individual Training Account (Scotland)',
    nameNl: 'Individuele opleidingsrekening (Schotland)',
    unit: 'GBP',
    currency: 'GBP',
    parameters: [
      {
        effectiveFrom: '2024-04-01',
        note: 'Up to GBP 200 a year for one approved course; income under GBP 22,000',
        values: {
          yearlyMaximum: '200.00',
          verificationWeeks: 4,
          accountYearStartMonth: 4,
          placesTarget: 17500,
          // The scheme closes at a fixed date only when an administrator sets one in a later
          // dated version: docs/design/domain.md gives no date, and an invented one closes every claim.
          closingDate: null,
        },
      },
    ],
  },
] as const;

export async function up({ sequelize }: SeedContext) {
  for (const programme of REFERENCE_PROGRAMMES) {
    await queryRows(
      sequelize,
      `INSERT INTO programmes (code, kind, name_en, name_nl, unit, currency) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING`,
      [programme.code, programme.kind, programme.name, programme.nameNl, programme.unit, programme.currency],
    );
    for (const version of programme.parameters) {
      await queryRows(
        sequelize,
        `INSERT INTO programme_parameters (programme_code, effective_from, "values", note) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (programme_code, effective_from) DO NOTHING`,
        [programme.code, version.effectiveFrom, JSON.stringify(version.values), version.note],
      );
    }
  }
}

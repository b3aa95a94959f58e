// A valid POST /v1/citizens body with a unique e-mail and national number, for tests to vary.
import { uniqueEmail } from '../support/actors.js';
import { validNrn } from '../support/citizen-factory.js';

export const flemishFacts = () => ({
  birthDate: '1984-02-29',
  residenceCountry: 'BE',
  residenceRegion: 'VLG',
  workRegion: 'VLG',
  employmentStatus: 'employee',
  workExperienceDays: 3000,
  annualIncome: { amount: 21500, currency: 'EUR', year: 2025, evidenceDate: '2026-01-15' },
  benefits: [],
  inFullTimeEducation: false,
  inOtherFundedProgramme: false,
});

export const registrationBody = (overrides: Record<string, unknown> = {}) => ({
  email: uniqueEmail('citizen'),
  password: 'a long enough password',
  name: 'Test Citizen',
  nationalId: validNrn(),
  facts: flemishFacts(),
  ...overrides,
});

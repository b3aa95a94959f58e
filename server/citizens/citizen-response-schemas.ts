// What the citizen endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { instant, page } from '../http/response-schemas.js';

export const citizenResponse = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  nationalId: z.string(),
  nationalIdScheme: z.string(),
  facts: z.record(z.string(), z.unknown()).describe('The facts eligibility rules read (birthDate, residenceRegion, annualIncome ...)'),
  factsRecordedOn: z.record(z.string(), z.string()).describe('When each fact was last recorded'),
  createdAt: instant,
});

export const citizenPage = page(citizenResponse);

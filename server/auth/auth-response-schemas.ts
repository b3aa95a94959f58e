// What the sign-in and account endpoints answer, as documented in /openapi.json.
import { z } from 'zod';
import { instant } from '../http/response-schemas.js';

export const accessTokenResponse = z.object({
  accessToken: z.string().describe('A JWT: send it as `Authorization: Bearer <accessToken>`'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until it expires'),
});

export const identityLinkResponse = z.object({
  issuer: z.string(),
  subject: z.string(),
  userId: z.uuid(),
  email: z.string(),
  linkedAt: instant,
});

export const userResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  centreId: z.uuid().nullable(),
  disabledAt: instant.nullable(),
});

// The demo seed for the README journeys: seeded on the wall clock (its facts, such as income
// evidence of 30 days ago, are relative to today), and the demo logins signed in as a user would.
import { seed } from '../../server/db/migrator.js';
import type { Harness } from './harness.js';

export async function seedDemo(h: Harness) {
  h.clock.set(new Date());
  await seed(h.sequelize, h.config, { demo: true });
}

/** POST /v1/auth/token with a demo login and the demo password; the Authorization header. */
export async function signInDemo(h: Harness, email: string) {
  const res = await h.http.post('/v1/auth/token').send({ email, password: h.config.demoPassword }).expect(200);
  return { Authorization: `Bearer ${res.body.accessToken as string}` };
}

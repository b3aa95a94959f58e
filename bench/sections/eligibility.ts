// Eligibility decisions over HTTP: citizens asking POST /v1/programmes/LBC/eligibility for
// themselves, each decision evaluated by a fresh engine and stored with its facts and reasons.
// Two citizens in three are eligible; the others are refused on experience, so both the pass and
// the explained refusal are in the mix.
import { printLoad, type Section } from '../lib/context.js';
import { runLoad } from '../lib/load.js';
import { belgianPerson, eligibleLbcFacts, insertCitizens } from '../lib/population.js';

const CITIZENS = 3000;

export const eligibilitySection: Section = {
  name: 'eligibility',
  run: async (context) => {
    const people = Array.from({ length: CITIZENS }, (_, i) => {
      const facts = eligibleLbcFacts(i);
      return belgianPerson(i % 3 === 2 ? { ...facts, workExperienceDays: 1000 + (i % 1500) } : facts);
    });
    const citizens = await insertCitizens(context.sequelize, context.service.config, 'eligibility', people, context.today);
    let next = 0;
    for (const clients of context.clientCounts) {
      const result = await runLoad(
        clients,
        context.seconds,
        async () => {
          const citizen = citizens[next++ % citizens.length]!;
          const answer = await context.http.post('/v1/programmes/LBC/eligibility', { token: citizen.token, body: {} });
          return answer.status === 200;
        },
        { cpu: context.cpu, settle: context.settle },
      );
      printLoad(context, 'decisions_per_s', result);
    }
  },
};

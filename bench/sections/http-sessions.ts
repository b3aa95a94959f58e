// Value-moving requests over HTTP with auth: centres recording guidance sessions on cheques
// (POST /v1/centres/{id}/vouchers/{code}/sessions), each a quarter hour with an Idempotency-Key,
// spread over 10 accredited centres as pgbench spreads its load over 10 branches. Every cheque
// (4 hours) takes 16 sessions; cheques are made through the real endpoints before each run.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { fundBudget } from '../../server/programmes/budget-service.js';
import { benchAdmin, benchCentre, type BenchCentre } from '../lib/actors.js';
import { fmt, printLoad, type BenchContext, type Section } from '../lib/context.js';
import { expectStatus } from '../lib/http-client.js';
import { runLoad } from '../lib/load.js';
import { belgianPerson, eligibleLbcFacts, insertCitizens } from '../lib/population.js';

const CENTRES = 10;
const SESSIONS_PER_CHEQUE = 16;
const SET_UP_CLIENTS = 32;

type Cheque = { centre: BenchCentre; code: string; sessionsLeft: number };

async function makeCheques(context: BenchContext, admin: string, centres: BenchCentre[], count: number): Promise<Cheque[]> {
  const people = Array.from({ length: count }, (_, i) => belgianPerson(eligibleLbcFacts(i)));
  const citizens = await insertCitizens(
    context.sequelize,
    context.service.config,
    `sessions-${randomUUID().slice(0, 6)}`,
    people,
    context.today,
  );
  const cheques: Cheque[] = [];
  const queue = [...citizens];
  const worker = async () => {
    for (let citizen = queue.pop(); citizen; citizen = queue.pop()) {
      const post = (path: string, token: string, body?: unknown, key = true) =>
        context.http.post(path, { token, body, ...(key ? { idempotencyKey: randomUUID() } : {}) });
      const right = expectStatus(await post('/v1/programmes/LBC/claims', citizen.token, {}), 201, 'LBC claim');
      const cheque = expectStatus(await post(`/v1/entitlements/${String(right.id)}/vouchers`, citizen.token), 201, 'cheque order');
      const code = String(cheque.code);
      // The co-payment in force (EUR 45 since 2024-01-01), as the order states it.
      const coPayment = (cheque.coPayment as { amount: string }).amount;
      expectStatus(
        await post(`/v1/vouchers/${code}/payments`, admin, { amount: coPayment, reference: `BENCH-${code}` }),
        200,
        'co-payment',
      );
      const centre = centres[cheques.length % centres.length]!;
      expectStatus(
        await post(
          `/v1/centres/${centre.id}/vouchers/${code}/registration`,
          centre.staffToken,
          { clientNumber: cheque.clientNumber },
          false,
        ),
        200,
        'registration',
      );
      cheques.push({ centre, code, sessionsLeft: SESSIONS_PER_CHEQUE });
    }
  };
  await Promise.all(Array.from({ length: SET_UP_CLIENTS }, worker));
  return cheques;
}

export const httpSessionsSection: Section = {
  name: 'http',
  run: async (context) => {
    const { sequelize, service } = context;
    await fundBudget(sequelize, {
      code: 'LBC',
      amount: new Decimal('18200000.00'),
      note: 'bench',
      businessDate: context.today,
      actor: { userId: null, role: 'system' },
    });
    const admin = await benchAdmin(sequelize, service.config, 'sessions');
    const centres: BenchCentre[] = [];
    for (let i = 0; i < CENTRES; i++) centres.push(await benchCentre(sequelize, service.config, 'LBC', context.today));
    let expected = 1000;
    for (const clients of context.clientCounts) {
      // Enough cheques for 1.5 x the expected rate over the run and its warm-up.
      const needed = Math.ceil((expected * 1.5 * (context.seconds + 1)) / SESSIONS_PER_CHEQUE);
      const started = performance.now();
      const pool = await makeCheques(context, admin, centres, needed);
      context.print(
        `  (set-up: ${pool.length} cheques claimed, ordered, paid and registered in ${fmt((performance.now() - started) / 1000, 1)} s)`,
      );
      const current: (Cheque | undefined)[] = [];
      let ranDry = false;
      const result = await runLoad(
        clients,
        context.seconds,
        async (client) => {
          let cheque = current[client];
          if (!cheque || cheque.sessionsLeft === 0) cheque = current[client] = pool.pop();
          if (!cheque) return ((ranDry = true), false);
          cheque.sessionsLeft -= 1;
          const answer = await context.http.post(`/v1/centres/${cheque.centre.id}/vouchers/${cheque.code}/sessions`, {
            token: cheque.centre.staffToken,
            idempotencyKey: randomUUID(),
            body: { date: context.today, hours: '0.25', counsellor: 'Bench counsellor', kind: 'guidance' },
          });
          return answer.status === 201;
        },
        { cpu: context.cpu, settle: context.settle },
      );
      printLoad(context, 'http_tps', result);
      if (ranDry) context.print('  WARNING: the cheques ran out before the end of the run; the figure above is too low');
      expected = Math.max(result.tps, 200);
    }
  },
};

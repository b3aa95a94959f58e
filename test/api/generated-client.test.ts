// A centre's own software, as an integrator would build it: a TypeScript client generated from
// /openapi.json by openapi-typescript, used through openapi-fetch in a small script that is
// type-checked by tsc (strict) and then run against the service to do a centre's day: register a
// cheque, record a session, close it with a development plan. A path, field or status the
// document gets wrong fails the type-check or the run.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import openapiTS, { astToString } from 'openapi-typescript';
import { harness } from '../support/harness.js';
import { openVoucherProgramme, payAsAdmin } from '../support/voucher-factory.js';

const run = promisify(execFile);
const TODAY = '2026-12-01';

// What a centre's developer writes: every path, body and answer field is typed from the document.
const CENTRE_DAY = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(name + ' is not set');
  return value;
};

const client = createClient<paths>({ baseUrl: env('BASE_URL'), headers: { Authorization: 'Bearer ' + env('TOKEN') } });
const path = { centreId: env('CENTRE_ID'), code: env('CODE') };

const registered = await client.POST('/v1/centres/{centreId}/vouchers/{code}/registration', {
  params: { path },
  body: { clientNumber: env('CLIENT_NUMBER') },
});
if (!registered.data) throw new Error('registration refused: ' + JSON.stringify(registered.error));
const hoursBefore: string | undefined = registered.data.remainingHours?.amount;

const recorded = await client.POST('/v1/centres/{centreId}/vouchers/{code}/sessions', {
  params: { path, header: { 'Idempotency-Key': 'centre-day-' + env('CODE') } },
  body: { date: env('TODAY'), hours: '1.50', counsellor: 'An Peeters', kind: 'guidance' },
});
if (!recorded.data) throw new Error('session refused: ' + JSON.stringify(recorded.error));
const session: { id: string; status: 'recorded' | 'reversed' } = recorded.data.session;

const closed = await client.POST('/v1/centres/{centreId}/vouchers/{code}/close', {
  params: { path },
  body: { developmentPlan: { summary: 'Moves to logistics planning.', goals: ['Forklift licence', 'Apply to three planners'] } },
});
if (!closed.data) throw new Error('closing refused: ' + JSON.stringify(closed.error));

console.log(JSON.stringify({
  registered: registered.data.status,
  hoursBefore,
  session: session.status,
  remaining: recorded.data.voucher.remainingHours.amount,
  closed: closed.data.status,
  plan: closed.data.developmentPlan,
}));
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    skipLibCheck: true,
    types: ['node'],
  },
  files: ['centre-day.ts'],
};

describe('a client generated from /openapi.json', () => {
  let server: Server;
  let folder: string;

  before(async () => {
    server = harness().app.listen(0, '127.0.0.1');
    await new Promise((ready) => server.once('listening', ready));
    folder = await mkdtemp(join(tmpdir(), 'api-client-'));
    // The generated client resolves openapi-fetch, @types/node and tsx from the project's packages.
    await symlink(resolve('node_modules'), join(folder, 'node_modules'), 'dir');
  });

  after(async () => {
    await new Promise((closed) => server.close(closed));
    await rm(folder, { recursive: true, force: true });
  });

  it("when a centre's script is type-checked against it and run, then it registers, records and closes a cheque", async function () {
    this.timeout(120_000);
    const h = harness();
    const lbc = await openVoucherProgramme(h, TODAY);
    const { cheque } = await lbc.orderedCheque();
    expect((await payAsAdmin(h, lbc.admin, cheque.code)).status).to.equal(200);
    const centre = await lbc.centre();

    const doc: unknown = (await h.http.get('/openapi.json').expect(200)).body;
    const types = astToString(await openapiTS(doc as Parameters<typeof openapiTS>[0]));
    await writeFile(join(folder, 'api.d.ts'), types);
    await writeFile(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(join(folder, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    await writeFile(join(folder, 'centre-day.ts'), CENTRE_DAY);

    const checked = await run(resolve('node_modules/.bin/tsc'), ['-p', folder]).catch((error: { stdout?: string }) => error);
    expect('stdout' in checked ? checked.stdout : '', 'tsc on the centre script').to.equal('');

    const { port } = server.address() as AddressInfo;
    const ran = await run(process.execPath, ['--import', 'tsx', join(folder, 'centre-day.ts')], {
      cwd: folder,
      env: {
        ...process.env,
        BASE_URL: `http://127.0.0.1:${port}`,
        TOKEN: centre.staff.token,
        CENTRE_ID: centre.id,
        CODE: cheque.code,
        CLIENT_NUMBER: cheque.clientNumber,
        TODAY,
      },
    });
    expect(JSON.parse(ran.stdout)).to.deep.equal({
      registered: 'in_use',
      hoursBefore: '4.00',
      session: 'recorded',
      remaining: '2.50',
      closed: 'closed',
      plan: { summary: 'Moves to logistics planning.', goals: ['Forklift licence', 'Apply to three planners'] },
    });
  });
});

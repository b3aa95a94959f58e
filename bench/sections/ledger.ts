// Ledger transfers through the ledger module itself (no HTTP): each is one postTransaction with
// an idempotency key, between two of 1,000 accounts that may not go negative (the service's
// entitlement and voucher accounts are of this kind). The hot-account case sends every transfer
// out of one programme budget account, the row a grant burst contends for.
import { randomInt, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import { openAccount } from '../../server/ledger/ledger-accounts.js';
import { postTransaction } from '../../server/ledger/ledger-postings.js';
import { printLoad, type BenchContext, type Section } from '../lib/context.js';
import { runLoad } from '../lib/load.js';

const WALLETS = 1000;
const ONE = new Decimal('1.00');

type Accounts = { wallets: string[]; budget: string };

async function openBenchAccounts(sequelize: Sequelize, today: string): Promise<Accounts> {
  const run = randomUUID().slice(0, 8);
  const open = (ownerType: string, ownerId: string, mayGoNegative: boolean) =>
    openAccount(sequelize, { ownerType, ownerId, programmeCode: null, unit: 'EUR', mayGoNegative });
  const source = await open('bench_source', run, true);
  const budget = await open('bench_budget', run, false);
  const wallets: string[] = [];
  for (let i = 0; i < WALLETS; i++) wallets.push(await open('bench_wallet', `${run}:${i}`, false));
  const funding = [
    ...wallets.map((accountId) => ({ accountId, amount: new Decimal('1000000.00') })),
    { accountId: budget, amount: new Decimal('1000000000.00') },
  ];
  const total = funding.reduce((sum, entry) => sum.plus(entry.amount), new Decimal(0));
  await postTransaction(sequelize, {
    kind: 'fund',
    businessDate: today,
    entries: [{ accountId: source, amount: total.negated() }, ...funding],
  });
  return { wallets, budget };
}

let accounts: Accounts | undefined;
const benchAccounts = async (context: BenchContext) => (accounts ??= await openBenchAccounts(context.sequelize, context.today));

async function transferLoad(context: BenchContext, label: string, pick: (accounts: Accounts) => [string, string]) {
  const all = await benchAccounts(context);
  for (const clients of context.clientCounts) {
    const result = await runLoad(
      clients,
      context.seconds,
      async () => {
        const [from, to] = pick(all);
        await postTransaction(context.sequelize, {
          kind: 'transfer',
          businessDate: context.today,
          idempotencyKey: `bench:${label}:${randomUUID()}`,
          entries: [
            { accountId: from, amount: ONE.negated() },
            { accountId: to, amount: ONE },
          ],
        });
        return true;
      },
      { cpu: context.cpu, settle: context.settle },
    );
    printLoad(context, `${label}_tps`, result);
  }
}

function twoWallets({ wallets }: Accounts): [string, string] {
  const from = randomInt(WALLETS);
  const to = (from + 1 + randomInt(WALLETS - 1)) % WALLETS;
  return [wallets[from]!, wallets[to]!];
}

export const ledgerSection: Section = {
  name: 'ledger',
  run: (context) => transferLoad(context, 'ledger', twoWallets),
};

export const hotAccountSection: Section = {
  name: 'hot-account',
  run: (context) => transferLoad(context, 'hot_account', ({ wallets, budget }) => [budget, wallets[randomInt(WALLETS)]!]),
};

// The outbox in /metrics: e-mails waiting to be sent and e-mails that failed for good, read from
// the database when scraped, so every instance reports the same shared outbox.
import { Gauge, type Registry } from 'prom-client';
import type { Sequelize } from 'sequelize';
import { countUnsentEmails } from './email-outbox-store.js';

export function registerOutboxMetrics(registry: Registry, sequelize: Sequelize): void {
  new Gauge({
    name: 'email_outbox_emails',
    help: "E-mails in the outbox by status: 'queued' (waiting or retrying), 'failed' (gave up after every attempt)",
    labelNames: ['status'],
    registers: [registry],
    // Cluster workers each read the same table: report one worker's count, not their sum.
    aggregator: 'first',
    async collect() {
      // The database away must not take /metrics with it: the last counts stand until it is back.
      const counts = await countUnsentEmails(sequelize).catch(() => undefined);
      if (!counts) return;
      this.set({ status: 'queued' }, counts.queued);
      this.set({ status: 'failed' }, counts.failed);
    },
  });
}

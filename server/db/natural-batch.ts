// Natural batching (group commit in the service): an item goes to the database at once when
// nothing of its kind is on the way, and otherwise waits for the batch in flight and goes with
// everything else that arrived meanwhile. An idle service adds no delay; a busy one pays one
// round trip (and, for a write, one commit) per batch instead of per item. `run` answers one
// result per item, in item order; if it fails, every item of that batch fails with its error.
import type { Sequelize } from 'sequelize';

export type Batcher<Item, Result> = (item: Item) => Promise<Result>;

type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

export function naturalBatcher<Item, Result>(run: (items: Item[]) => Promise<Result[]>, maxBatch: number): Batcher<Item, Result> {
  let waiting: Waiting<Item, Result>[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        const results = await run(batch.map((entry) => entry.item));
        if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} was answered with ${results.length} results`);
        batch.forEach((entry, i) => entry.resolve(results[i]!));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) void drain();
    });
}

/** A batcher per database (tests and the service each have their own), made on first use. */
export function batcherPerDatabase<Item, Result>(run: (sequelize: Sequelize, items: Item[]) => Promise<Result[]>, maxBatch: number) {
  const batchers = new WeakMap<Sequelize, Batcher<Item, Result>>();
  return (sequelize: Sequelize, item: Item): Promise<Result> => {
    let batcher = batchers.get(sequelize);
    if (!batcher) {
      batcher = naturalBatcher((items: Item[]) => run(sequelize, items), maxBatch);
      batchers.set(sequelize, batcher);
    }
    return batcher(item);
  };
}

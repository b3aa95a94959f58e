// /metrics with WORKERS > 1. Each cluster worker counts only the requests it served and a scrape
// reaches whichever worker the port hands it to, so one worker's numbers would be a random share.
// The worker that gets the scrape checks METRICS_TOKEN as always, then asks the main process over
// the cluster's IPC channel; the main process gathers every worker's registry with prom-client's
// AggregatorRegistry (counters and histograms summed) and sends back the text. Chosen over the
// main process serving /metrics itself: the workers own PORT, so that would need a second port, a
// second access check and a second setting for operators; this way the endpoint, its port and its
// protection stay exactly as they are with one process.
import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';
import { AppError } from '../errors.js';

const ASK = 'learning-accounts:metrics-request';
const ANSWER = 'learning-accounts:metrics-answer';
// prom-client gives up on a worker that does not answer after 5 s; this waits a little longer.
const WAIT_MS = 7000;

type Answer = { type: typeof ANSWER; id: number; text?: string; error?: string };

/** In the main process: answers a worker's request with the metrics of all workers. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message, ASK)) return;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, ...answer });
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** In a worker: a registry whose text is every worker's metrics, gathered by the main process. */
export function clusterWorkerRegistry(): Registry {
  const registry = new ClusterRegistry();
  // The main process reads this registry (and no other) when it gathers the workers' metrics.
  AggregatorRegistry.setRegistries(registry);
  new AggregatorRegistry(); // installs prom-client's answer to the main process's requests
  return registry;
}

class ClusterRegistry extends Registry {
  override metrics(): Promise<string> {
    return askMainProcess();
  }
}

let nextId = 0;
let listening = false;
const waiting = new Map<number, (answer: Answer) => void>();

function askMainProcess(): Promise<string> {
  if (!listening) {
    process.on('message', settle);
    listening = true;
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(unavailable());
    }, WAIT_MS);
    waiting.set(id, (answer) => {
      clearTimeout(timer);
      waiting.delete(id);
      if (answer.text !== undefined) resolve(answer.text);
      else reject(unavailable());
    });
    process.send?.({ type: ASK, id });
  });
}

function settle(message: unknown) {
  if (isMessage(message, ANSWER)) waiting.get(message.id)?.(message as Answer);
}

const unavailable = () => new AppError(503, 'metrics_unavailable', 'The metrics of every worker could not be gathered; try again.');

function isMessage(message: unknown, type: string): message is { type: string; id: number } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === type &&
    typeof (message as { id?: unknown }).id === 'number'
  );
}

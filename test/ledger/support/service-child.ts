// The real service as a child process on the test database, so a test can SIGKILL it mid-write.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, portTaken } from '../../support/global-setup.js';

export type ServiceChild = { baseUrl: string; child: ChildProcess; exited: Promise<void> };

/** Starts the service on a free port; on a new one when another process took that port before the child bound it. */
export async function startServiceChild(env: Record<string, string>): Promise<ServiceChild> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, await freePort());
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 5) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startOnce(env: Record<string, string>, port: number): Promise<ServiceChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      DATABASE_OWNER_URL: process.env.TEST_DATABASE_OWNER_URL,
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      SCHEDULER_INTERVAL_SECONDS: '0',
      DB_POOL_MAX: '20',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const closed = new Promise((resolve) => child.once('close', resolve)); // its output read to the end
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) {
      await closed;
      throw new (portTaken(stderr) ? PortTaken : Error)(`the service exited during start-up: ${stderr}`);
    }
    if (waited > 30_000) throw new Error(`the service did not start within 30 s: ${stderr}`);
    if (
      await fetch(`${baseUrl}/health`).then(
        (res) => res.ok,
        () => false,
      )
    )
      return { baseUrl, child, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

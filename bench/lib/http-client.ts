// A lean HTTP client for load: node:http with keep-alive sockets (one per client), so the
// load generator spends as little of the shared CPU as possible on itself.
import http from 'node:http';

export type HttpAnswer = { status: number; body: unknown };
export type HttpRequest = { token?: string; body?: unknown; idempotencyKey?: string };

export type HttpClient = {
  post: (path: string, request?: HttpRequest) => Promise<HttpAnswer>;
  get: (path: string, request?: HttpRequest) => Promise<HttpAnswer>;
  close: () => void;
};

export function httpClient(baseUrl: string, maxSockets: number): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const target = new URL(baseUrl);
  const send = (method: 'GET' | 'POST', path: string, request: HttpRequest = {}) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const payload = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
      const headers: Record<string, string> = { accept: 'application/json' };
      if (payload) headers['content-type'] = 'application/json';
      if (payload) headers['content-length'] = String(payload.length);
      if (request.token) headers.authorization = `Bearer ${request.token}`;
      if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
      const req = http.request({ host: target.hostname, port: target.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return {
    post: (path, request) => send('POST', path, request),
    get: (path, request) => send('GET', path, request),
    close: () => agent.destroy(),
  };
}

/** The answer's body as a record, or an error naming what came back instead. */
export function expectStatus(answer: HttpAnswer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, unknown>;
}

// Binding and releasing the HTTP port, the same in the main process and in cluster workers.
import type { Server } from 'node:http';
import type { Express } from 'express';

/** A start-up failure the operator can fix, printed as one line rather than a stack. */
export class StartError extends Error {}

/**
 * Resolves once the port is bound on `host` (config HOST: loopback unless the operator opens it).
 * Express 5 hands a listen error (a port in use, an address this machine does not have) to the callback.
 */
export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error) => {
      if (!error) return resolve(server);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
        return reject(
          new StartError(`Cannot listen on ${host}: this machine has no such address. Set HOST to one of its addresses, or 0.0.0.0.`),
        );
      }
      const reason = code === 'EADDRINUSE' ? 'it is already in use' : error.message;
      reject(new StartError(`Cannot listen on port ${port}: ${reason}. Stop what uses it or set PORT to another port.`));
    });
  });
}

/** Stops accepting, lets requests in flight finish, and cuts what is still open after 5 s. */
export function closeServer(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}

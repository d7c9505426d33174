// Test doubles of the systems the service talks to (an SMS provider, a host's page) listen on a
// free loopback port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  /** Stops listening, closing the connections still open. */
  close(): Promise<void>;
}

/** Starts `server` on a free loopback port. */
export async function listenOnLoopback(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

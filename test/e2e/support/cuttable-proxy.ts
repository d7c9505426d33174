// A TCP proxy between a browser and the service whose network the test can drop: `cut()` destroys
// every open connection mid-stream and refuses new ones until `restore()`.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface CuttableProxy {
  url: string;
  readonly up: boolean;
  /** How many times the network was dropped. */
  readonly cuts: number;
  /** Connections destroyed while open (requests or responses cut short). */
  readonly dropped: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(targetPort: number, host = '127.0.0.1'): Promise<CuttableProxy> {
  let up = true;
  let cuts = 0;
  let dropped = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, host);
    open.add(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${String(port)}`,
    get up() {
      return up;
    },
    get cuts() {
      return cuts;
    },
    get dropped() {
      return dropped;
    },
    cut() {
      if (!up) return;
      up = false;
      cuts += 1;
      dropped += open.size;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      up = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

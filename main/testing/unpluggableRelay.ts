// A TCP relay on 127.0.0.1 in front of a fake server, unplugged and plugged back on the same port to play a lost network.

import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * unplug() cuts every open connection and refuses new ones, as an unreachable server does; plugIn() listens
 * on the same port again, so URLs stored while it was up (webhooks, instance addresses) keep working.
 */
export class UnpluggableRelay {
  #server: Server | null = null;
  #port = 0;
  readonly #sockets = new Set<Socket>();

  constructor(private readonly targetPort: number) {}

  /** http://127.0.0.1:PORT of the relay; valid once plugged in the first time. */
  get origin(): string {
    if (this.#port === 0) throw new Error('Plug the relay in before asking for its address.');
    return `http://127.0.0.1:${this.#port}`;
  }

  get pluggedIn(): boolean {
    return this.#server !== null;
  }

  /** Rewrites a URL of the target server so it goes through the relay. */
  via(url: string): string {
    const u = new URL(url);
    return `${this.origin}${u.pathname}${u.search}`;
  }

  async plugIn(): Promise<void> {
    if (this.#server) return;
    const server = createServer((client) => {
      const upstream = tcpConnect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  async unplug(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// A real Nostr relay (@nostr-relay/core with its SQLite event store) on 127.0.0.1, for tests and e2e specs.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Event, Filter, Logger } from '@nostr-relay/common';
import { NostrRelay } from '@nostr-relay/core';
import { EventRepositorySqlite } from '@nostr-relay/event-repository-sqlite';
import { Validator } from '@nostr-relay/validator';
import { WebSocketServer } from 'ws';

export interface LocalRelay {
  /** ws://127.0.0.1:PORT */
  readonly url: string;
  /** Events the relay stores that match the filter, read through the relay itself. */
  events(filter: Filter): Promise<Event[]>;
  /** Stores an event as if a client had sent it (a reaction or a reply from someone else). */
  accept(event: Event): Promise<{ ok: boolean; message?: string }>;
  /** How many EVENT messages clients sent, accepted or not (a retry of the same event counts again). */
  eventMessages(): number;
  stop(): Promise<void>;
}

const silentLogger: Logger = { setLogLevel: () => {}, error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

/** `port` restarts a relay where a stopped one was (a relay coming back); a free port otherwise. */
export async function startLocalRelay(port = 0): Promise<LocalRelay> {
  const repository = new EventRepositorySqlite(':memory:');
  await repository.init();
  const relay = new NostrRelay(repository, { logger: silentLogger });
  const validator = new Validator();
  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('This is a Nostr relay: connect with a WebSocket.');
  });
  const wss = new WebSocketServer({ server });
  let eventMessages = 0;
  wss.on('connection', (ws) => {
    relay.handleConnection(ws as never);
    ws.on('message', async (data) => {
      try {
        const message = await validator.validateIncomingMessage(data.toString());
        if (message[0] === 'EVENT') eventMessages++;
        await relay.handleMessage(ws as never, message);
      } catch (e) {
        ws.send(JSON.stringify(['NOTICE', (e as Error).message]));
      }
    });
    ws.on('close', () => relay.handleDisconnect(ws as never));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | null = null;
  return {
    url: `ws://127.0.0.1:${bound}`,
    events: (filter) => relay.findEvents([filter]),
    async accept(event) {
      const result = await relay.handleEvent(event);
      return { ok: result.success, ...(result.message ? { message: result.message } : {}) };
    },
    eventMessages: () => eventMessages,
    stop() {
      stopped ??= (async () => {
        for (const c of wss.clients) c.terminate();
        await new Promise<void>((r) => wss.close(() => r()));
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        await relay.destroy();
      })();
      return stopped;
    },
  };
}

// A NIP-46 remote signer for tests: listens on a relay for kind-24133 requests (NIP-44 encrypted) and signs with its user key.

import { decrypt, encrypt, getConversationKey } from 'nostr-tools/nip44';
import { type EventTemplate, finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import WebSocket from 'ws';

export interface TestBunker {
  /** bunker://<signer pubkey>?relay=…&secret=… */
  readonly url: string;
  /** The key that signs notes (the user's), distinct from the signer's own key. */
  readonly userPubkey: string;
  /** Methods asked, in order. */
  readonly requests: string[];
  /** Refuses to sign from now on, as a user who revoked Kairos would. */
  revoke(): void;
  stop(): Promise<void>;
}

export async function startTestBunker(relayUrl: string): Promise<TestBunker> {
  const signerSk = generateSecretKey();
  const signerPk = getPublicKey(signerSk);
  const userSk = generateSecretKey();
  const secret = Math.random().toString(36).slice(2);
  const requests: string[] = [];
  const paired = new Set<string>();
  let revoked = false;
  const ws = new WebSocket(relayUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const subscribed = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as unknown[];
      if (msg[0] === 'EOSE') resolve();
      if (msg[0] !== 'EVENT') return;
      const event = msg[2] as { pubkey: string; content: string; kind: number };
      if (event.kind !== 24133) return;
      const key = getConversationKey(signerSk, event.pubkey);
      let req: { id: string; method: string; params: string[] };
      try {
        req = JSON.parse(decrypt(event.content, key)) as typeof req;
      } catch (e) {
        // A real signer ignores what it cannot read (NIP-04 payloads from old clients, noise): nip44 refuses them
        // with an Error, JSON.parse with a SyntaxError.
        if (!(e instanceof Error)) throw e;
        requests.push('unreadable');
        return;
      }
      requests.push(req.method);
      let reply: { result?: string; error?: string };
      if (req.method === 'connect') {
        reply = req.params[1] === secret ? { result: 'ack' } : { error: 'wrong secret' };
        if (reply.result) paired.add(event.pubkey);
      } else if (!paired.has(event.pubkey)) reply = { error: 'not connected' };
      else if (revoked) reply = { error: 'Kairos is no longer allowed to sign' };
      else if (req.method === 'get_public_key') reply = { result: getPublicKey(userSk) };
      else if (req.method === 'ping') reply = { result: 'pong' };
      else if (req.method === 'sign_event')
        reply = { result: JSON.stringify(finalizeEvent(JSON.parse(req.params[0] as string) as EventTemplate, userSk)) };
      else reply = { error: `unsupported method ${req.method}` };
      const response = finalizeEvent(
        {
          kind: 24133,
          created_at: Math.floor(Date.now() / 1000),
          tags: [['p', event.pubkey]],
          content: encrypt(JSON.stringify({ id: req.id, ...reply }), key),
        },
        signerSk,
      );
      ws.send(JSON.stringify(['EVENT', response]));
    });
  });
  ws.send(JSON.stringify(['REQ', 'bunker', { kinds: [24133], '#p': [signerPk] }]));
  await subscribed;
  return {
    url: `bunker://${signerPk}?relay=${encodeURIComponent(relayUrl)}&secret=${secret}`,
    userPubkey: getPublicKey(userSk),
    requests,
    revoke: () => {
      revoked = true;
    },
    stop: async () => {
      ws.close();
    },
  };
}

// A Bluesky service over plain http is refused unless it is on this computer; app passwords never cross a network unencrypted.

import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHostname } from '../../core/platforms/loopback';
import { PlatformError } from '../../core/platforms/types';
import { JSON_UTF8, type LoopbackServer, startLoopbackServer } from '../../testing/loopbackServer';
import { parseInstanceInput } from '../mastodon/address';
import { signIn } from './session';
import { xrpc } from './xrpc';

const DID = 'did:plc:abcdefghijklmnopqrstuvwx';

describe('plain http to a Bluesky service', () => {
  let server: LoopbackServer;
  const seen: string[] = [];
  let pdsInDidDocument = '';

  beforeAll(async () => {
    server = await startLoopbackServer((req: IncomingMessage, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === `/${encodeURIComponent(DID)}`) {
        res.writeHead(200, JSON_UTF8).end(
          JSON.stringify({
            id: DID,
            service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: pdsInDidDocument }],
          }),
        );
        return;
      }
      // The XRPC answer to a wrong app password: proves the request was sent.
      res.writeHead(401, JSON_UTF8).end(JSON.stringify({ error: 'AuthenticationRequired', message: 'Invalid identifier or password' }));
    });
  });

  afterAll(() => server.stop());

  const identity = () => ({ plcUrl: server.origin, fallbackService: server.origin });
  const failure = async (p: Promise<unknown>): Promise<PlatformError> => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(PlatformError);
    return e as PlatformError;
  };

  it('refuses a typed http service on another computer before sending anything', async () => {
    seen.length = 0;
    for (const service of ['http://pds.example.org', 'http://192.168.1.20:2583', 'http://[fe80::1]:2583', 'http://128.0.0.1']) {
      const e = await failure(signIn({ identifier: 'alice.example.org', appPassword: 'abcd-efgh-ijkl-mnop', service }, identity()));
      expect(e.kind).toBe('invalid');
      expect(e.options.field).toBe('service');
      expect(e.message).toBe(
        'Kairos connects to Bluesky services over https only; plain http is allowed only to a server on this computer (127.0.0.1, ::1, localhost). Type the service starting with https://.',
      );
    }
    expect(seen).toEqual([]);
  });

  it('sends to an http service on this computer', async () => {
    seen.length = 0;
    const e = await failure(
      signIn({ identifier: 'alice.example.org', appPassword: 'abcd-efgh-ijkl-mnop', service: server.origin }, identity()),
    );
    expect(e.kind).toBe('auth');
    expect(seen).toEqual(['POST /xrpc/com.atproto.server.createSession']);
  });

  it("refuses a plain http server named by the account's identity document", async () => {
    seen.length = 0;
    pdsInDidDocument = 'http://pds.example.org';
    const e = await failure(signIn({ identifier: DID, appPassword: 'abcd-efgh-ijkl-mnop' }, identity()));
    expect(e.options.field).toBe('service');
    expect(e.message).toBe(
      `The identity document of ${DID} names a server over plain http (http://pds.example.org), which would carry your app password unencrypted, so Kairos will not use it. Type an https address under "Service".`,
    );
    expect(seen).toEqual([`GET /${encodeURIComponent(DID)}`]);
  });

  it('never sends a token to an http service elsewhere, whatever an account was saved with', async () => {
    const e = await failure(xrpc('http://pds.example.org', { nsid: 'com.atproto.server.getSession', token: 'secret-token' }));
    expect(e.kind).toBe('invalid');
    expect(e.message).not.toContain('secret-token');
    expect(e.message).toMatch(/^Kairos talks to Bluesky services over https only, and http:\/\/pds\.example\.org is plain http/);
  });
});

describe('which addresses are this computer', () => {
  it('is 127.0.0.0/8, ::1 and localhost', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '127.255.255.255', 'localhost', 'LOCALHOST', '[::1]']) {
      expect({ host, loopback: isLoopbackHostname(host) }).toEqual({ host, loopback: true });
    }
    for (const host of ['128.0.0.1', '10.0.0.1', '127.0.0.256', '127.example.org', 'localhost.example.org', '[::2]', '0.0.0.0', '']) {
      expect({ host, loopback: isLoopbackHostname(host) }).toEqual({ host, loopback: false });
    }
  });

  it('is the same rule for Mastodon servers', () => {
    expect(parseInstanceInput('http://127.0.0.2:3000').origin).toBe('http://127.0.0.2:3000');
    expect(parseInstanceInput('[::1]:3000').origin).toBe('http://[::1]:3000');
    expect(() => parseInstanceInput('http://192.168.1.20:3000')).toThrow(
      'Kairos connects to servers over https only (plain http only to this computer: 127.0.0.1, ::1, localhost). Type the address starting with https://.',
    );
  });
});

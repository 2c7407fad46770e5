// A local SMTP server for tests: listens on 127.0.0.1, speaks EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT
// (RFC 5321, without TLS or authentication), and records every message it accepts. Nothing leaves the machine.

import { createServer, type Server, type Socket } from 'node:net';

export interface SunkMessage {
  readonly from: string;
  readonly to: readonly string[];
  /** The message as sent (headers and body), with dot-stuffing undone. body is decoded (quoted-printable, base64). */
  readonly data: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** What the client said in EHLO or HELO. */
  readonly helo: string;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  readonly messages: readonly SunkMessage[];
  /** Resolves once `count` messages have been accepted in total. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly SunkMessage[]>;
  close(): Promise<void>;
}

function parse(data: string): { headers: Record<string, string>; body: string } {
  const split = data.indexOf('\r\n\r\n');
  const head = split >= 0 ? data.slice(0, split) : data;
  const body = split >= 0 ? data.slice(split + 4) : '';
  const headers: Record<string, string> = {};
  let last = '';
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && last) headers[last] = `${headers[last]} ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      headers[last] = line.slice(colon + 1).trim();
    }
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'quoted-printable') return { headers, body: decodeQuotedPrintable(body) };
  if (encoding === 'base64') return { headers, body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  return { headers, body };
}

/** Undoes quoted-printable (RFC 2045), as mail clients do before showing a body. */
function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

const address = (arg: string) => /<([^>]*)>/.exec(arg)?.[1] ?? arg.trim();

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let helo = '';
    let from: string | null = null;
    let to: string[] = [];
    let inData = false;
    let dataLines: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const reset = () => {
      from = null;
      to = [];
    };
    reply('220 127.0.0.1 Kairos test SMTP sink ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const data = dataLines.join('\r\n');
            messages.push({ from: from ?? '', to, data, helo, ...parse(data) });
            reset();
            reply('250 2.0.0 Message accepted');
            for (const w of waiters.filter((w) => messages.length >= w.count)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          } else dataLines.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        const arg = line.slice(4).trim();
        if (verb === 'EHLO') {
          helo = arg;
          reset();
          reply('250-127.0.0.1 greets you');
          reply('250-8BITMIME');
          reply('250 SIZE 10485760');
        } else if (verb === 'HELO') {
          helo = arg;
          reset();
          reply('250 127.0.0.1');
        } else if (verb === 'MAIL') {
          if (!helo) reply('503 5.5.1 Say EHLO first');
          else {
            from = address(arg.replace(/^FROM:/i, '').split(/\s+(?=[A-Z]+=)/)[0] ?? '');
            to = [];
            reply('250 2.1.0 OK');
          }
        } else if (verb === 'RCPT') {
          if (from === null) reply('503 5.5.1 MAIL first');
          else {
            to.push(address(arg.replace(/^TO:/i, '')));
            reply('250 2.1.5 OK');
          }
        } else if (verb === 'DATA') {
          if (to.length === 0) reply('503 5.5.1 RCPT first');
          else {
            inData = true;
            dataLines = [];
            reply('354 End data with <CR><LF>.<CR><LF>');
          }
        } else if (verb === 'RSET') {
          reset();
          reply('250 2.0.0 OK');
        } else if (verb === 'NOOP') reply('250 2.0.0 OK');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else reply('502 5.5.2 Command not implemented');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    host: '127.0.0.1',
    port,
    messages,
    waitFor(count, timeoutMs = 5_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`The SMTP sink got ${messages.length} of ${count} messages in ${timeoutMs} ms.`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Email through the SMTP server a team configures (nodemailer). A failure comes back as one sentence saying what
// went wrong and what to check; it never contains the server's password.

import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends one message; rejects with a MailError whose message is fit to show and to store. */
export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
}

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** true: TLS from the first byte (port 465). false: STARTTLS when the server offers it. */
  readonly secure?: boolean;
  /** Refuse to send unless the connection is encrypted (STARTTLS required). */
  readonly requireTls?: boolean;
  readonly user?: string;
  readonly password?: string;
  /** The sender, e.g. "Kairos <kairos@example.org>". */
  readonly from: string;
  /** How long to wait for the server at each step (connect, greeting, answers). */
  readonly timeoutMs?: number;
}

export class MailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailError';
  }
}

export function smtpMailer(settings: SmtpSettings): Mailer {
  const timeout = settings.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    requireTLS: settings.requireTls ?? false,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // One message per connection: nothing is kept open between notifications.
    pool: false,
    logger: false,
  });
  const where = `${settings.host}:${settings.port}`;
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
      } catch (e) {
        throw new MailError(describeFailure(e, where, timeout, settings.password));
      }
    },
  };
}

function describeFailure(e: unknown, where: string, timeoutMs: number, password: string | undefined): string {
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = (err.response ?? err.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  let sentence: string;
  // nodemailer wraps a refused connection as ESOCKET or ECONNECTION; the system's code is in its message.
  const code = /\bECONNREFUSED\b/.test(err.message ?? '')
    ? 'ECONNREFUSED'
    : /\bENOTFOUND\b/.test(err.message ?? '')
      ? 'ENOTFOUND'
      : err.code;
  switch (code) {
    case 'ECONNREFUSED':
      sentence = `The mail server at ${where} refused the connection. Check the SMTP host and port in the workspace's email settings, and that the server is running.`;
      break;
    case 'ENOTFOUND':
    case 'EDNS':
      sentence = `The mail server ${where} could not be found. Check the SMTP host name in the workspace's email settings.`;
      break;
    case 'ETIMEDOUT':
    case 'ESOCKET':
    case 'ECONNECTION':
      sentence =
        said.length > 0 && err.code !== 'ETIMEDOUT'
          ? `The connection to the mail server at ${where} failed: ${said}. Check the SMTP host, port and TLS settings.`
          : `The mail server at ${where} did not answer within ${Math.round(timeoutMs / 1000)} s. Check the SMTP host and port, and that a firewall lets the server reach it.`;
      break;
    case 'EAUTH':
      sentence = `The mail server at ${where} refused the sign-in${err.responseCode ? ` (${err.responseCode})` : ''}. Check the SMTP user and password in the workspace's email settings.`;
      break;
    case 'EENVELOPE':
      sentence = `The mail server at ${where} refused the message's addresses: ${said}.`;
      break;
    case 'EMESSAGE':
      sentence = `The mail server at ${where} refused the message: ${said}.`;
      break;
    default:
      sentence = `Sending through the mail server at ${where} failed: ${said || 'no reason given'}.`;
  }
  return password ? sentence.split(password).join('••••') : sentence;
}

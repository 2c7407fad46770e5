// Finds an account's own PDS from its handle or DID: DNS or HTTPS for the handle, PLC or did:web for the DID.

import { resolveTxt as dnsResolveTxt } from 'node:dns/promises';
import { isSystemError, parseUrl } from '../../core/parse';
import { isRequestFailure, readJson, readText, send } from '../../core/platforms/http';
import { PlatformError } from '../../core/platforms/types';
import { SERVICE_NAME, xrpc } from './xrpc';

export interface IdentityOptions {
  /** The PLC directory that holds did:plc documents. */
  readonly plcUrl: string;
  /** Asked to resolve a handle when neither DNS nor the handle's own web server answers. */
  readonly fallbackService: string;
  readonly resolveTxt?: (name: string) => Promise<string[][]>;
  readonly signal?: AbortSignal;
}

export interface ResolvedIdentity {
  readonly did: string;
  readonly pdsUrl: string;
}

const DID_PATTERN = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;
const HANDLE_PATTERN = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** What the user typed, as a handle or a DID: without a leading @ or surrounding spaces, handles lowercased. */
export function normaliseIdentifier(raw: string): string {
  const t = raw.trim().replace(/^@/, '');
  return t.startsWith('did:') ? t : t.toLowerCase();
}

export function isDid(value: string): boolean {
  return DID_PATTERN.test(value);
}

export function isHandle(value: string): boolean {
  return value.length <= 253 && HANDLE_PATTERN.test(value);
}

/** A service URL as typed (bsky.social, https://pds.example.org/) made into an origin; null when it is not one. */
export function normaliseServiceUrl(raw: string): string | null {
  const t = raw.trim();
  if (!t) return null;
  const url = parseUrl(/^[a-z]+:\/\//i.test(t) ? t : `https://${t}`);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  return url.origin;
}

async function handleFromDns(handle: string, opts: IdentityOptions): Promise<string | null> {
  try {
    const records = await (opts.resolveTxt ?? dnsResolveTxt)(`_atproto.${handle}`);
    const dids = records.map((chunks) => chunks.join('')).filter((r) => r.startsWith('did='));
    // More than one answer is ambiguous; the specification says to treat it as no answer.
    return dids.length === 1 ? (dids[0] as string).slice(4) : null;
  } catch (e) {
    // No TXT record (ENOTFOUND, ENODATA), or DNS did not answer: the handle may still resolve over HTTPS.
    if (isSystemError(e)) return null;
    throw e;
  }
}

async function handleFromWellKnown(handle: string, opts: IdentityOptions): Promise<string | null> {
  try {
    const res = await send(
      `https://${handle}/.well-known/atproto-did`,
      { method: 'GET', redirect: 'error' },
      { serviceName: handle, timeoutMs: 8_000, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
    if (!res.ok) return null;
    const text = (await readText(res)).trim().split(/\s/)[0] ?? '';
    return isDid(text) ? text : null;
  } catch (e) {
    // No well-known file on the handle's domain: the handle may still resolve through DNS or the service.
    if (isRequestFailure(e)) return null;
    throw e;
  }
}

async function handleFromService(handle: string, opts: IdentityOptions): Promise<string | null> {
  const reply = await xrpc(opts.fallbackService, {
    nsid: 'com.atproto.identity.resolveHandle',
    params: { handle },
    timeoutMs: 10_000,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const did = (reply.body as { did?: unknown } | null)?.did;
  return reply.status === 200 && typeof did === 'string' && isDid(did) ? did : null;
}

export async function resolveHandle(handle: string, opts: IdentityOptions): Promise<string> {
  const did = (await handleFromDns(handle, opts)) ?? (await handleFromWellKnown(handle, opts)) ?? (await handleFromService(handle, opts));
  if (!did) {
    throw new PlatformError(
      'invalid',
      `Kairos could not find the Bluesky account ${handle}. Check the handle; for an account on its own server, also type the server under "Service".`,
      { field: 'identifier' },
    );
  }
  return did;
}

interface DidDocument {
  readonly id?: string;
  readonly service?: readonly { readonly id?: string; readonly type?: string; readonly serviceEndpoint?: unknown }[];
}

async function fetchDidDocument(did: string, opts: IdentityOptions): Promise<DidDocument> {
  let url: string;
  if (did.startsWith('did:plc:')) url = `${opts.plcUrl.replace(/\/$/, '')}/${encodeURIComponent(did)}`;
  else if (did.startsWith('did:web:')) url = `https://${decodeURIComponent(did.slice('did:web:'.length))}/.well-known/did.json`;
  else
    throw new PlatformError('invalid', `${did} is a kind of DID Bluesky does not use. Type your handle instead.`, { field: 'identifier' });
  const res = await send(
    url,
    { method: 'GET' },
    { serviceName: SERVICE_NAME, timeoutMs: 10_000, ...(opts.signal ? { signal: opts.signal } : {}) },
  );
  if (res.status === 404 || res.status === 410) {
    throw new PlatformError('invalid', `The DID ${did} is not registered (or was deactivated). Check what you typed.`, {
      field: 'identifier',
    });
  }
  if (!res.ok) throw new PlatformError('transient', `The directory that holds ${did} answered ${res.status}; try again in a moment.`);
  return ((await readJson(res)) ?? {}) as DidDocument;
}

/** The PDS endpoint named in a DID document, or null when it names none. */
export function pdsEndpointOf(doc: unknown): string | null {
  const services = (doc as DidDocument | null)?.service;
  if (!Array.isArray(services)) return null;
  for (const s of services) {
    const idMatches = typeof s.id === 'string' && (s.id === '#atproto_pds' || s.id.endsWith('#atproto_pds'));
    if (idMatches && s.type === 'AtprotoPersonalDataServer' && typeof s.serviceEndpoint === 'string') {
      return normaliseServiceUrl(s.serviceEndpoint);
    }
  }
  return null;
}

/** Resolves a handle or DID all the way to the account's PDS. */
export async function resolveIdentity(identifier: string, opts: IdentityOptions): Promise<ResolvedIdentity> {
  const did = isDid(identifier) ? identifier : await resolveHandle(identifier, opts);
  const doc = await fetchDidDocument(did, opts);
  const pdsUrl = pdsEndpointOf(doc);
  if (!pdsUrl) {
    throw new PlatformError('invalid', `The identity document of ${identifier} names no Bluesky server. Type the server under "Service".`, {
      field: 'service',
    });
  }
  return { did, pdsUrl };
}

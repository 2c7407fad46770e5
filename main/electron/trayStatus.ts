// Loads what the tray shows through the contract, tolerating a build without the engine's pause channels.

import type { Result } from '../../shared/contract/result';
import type { PostView } from '../../shared/domain';
import type { TrayStatus } from './trayMenu';

/** backend.invoke: the tray asks the same contract every shell uses. */
export type InvokeBackend = (channel: string, payload: unknown) => Promise<Result<unknown>>;

const ATTENTION = ['failed', 'unconfirmed', 'missed', 'held'] as const;

interface EngineStatusShape {
  readonly paused: unknown;
  readonly attention: Readonly<Record<(typeof ATTENTION)[number], number>>;
}

function isEngineStatus(value: unknown): value is EngineStatusShape {
  const v = value as Partial<EngineStatusShape> | null;
  return typeof v === 'object' && v !== null && 'paused' in v && typeof v.attention === 'object' && v.attention !== null;
}

async function value<T>(invoke: InvokeBackend, channel: string, payload: unknown): Promise<T | null> {
  const r = await invoke(channel, payload);
  return r.ok ? (r.value as T) : null;
}

export async function loadTrayStatus(invoke: InvokeBackend, now: number, fallbackZone: string): Promise<TrayStatus> {
  const [settings, next, engine, connectivity] = await Promise.all([
    value<{ timeZone?: string }>(invoke, 'settings.get', {}),
    value<readonly PostView[]>(invoke, 'posts.list', { from: now, statuses: ['scheduled'], limit: 1 }),
    value<unknown>(invoke, 'engine.status', {}),
    value<{ online: boolean; waitingForNetwork: number }>(invoke, 'app.connectivity', {}),
  ]);
  let attention: number;
  let paused: boolean | null;
  if (isEngineStatus(engine)) {
    attention = ATTENTION.reduce((sum, s) => sum + (Number(engine.attention[s]) || 0), 0);
    paused = engine.paused !== null;
  } else {
    // Without the engine's status, count the posts themselves; pausing is then not offered.
    attention = (await value<readonly PostView[]>(invoke, 'posts.list', { statuses: [...ATTENTION], limit: 10_000 }))?.length ?? 0;
    paused = null;
  }
  return {
    nextPostAt: next?.[0]?.scheduledAt ?? null,
    timeZone: settings?.timeZone ?? fallbackZone,
    attention,
    paused,
    offline: connectivity ? !connectivity.online : false,
    waitingForNetwork: connectivity?.waitingForNetwork ?? 0,
  };
}

/** Pauses or resumes all publishing; returns what went wrong in words, or null. */
export async function setPublishingPaused(invoke: InvokeBackend, paused: boolean): Promise<string | null> {
  const r = paused ? await invoke('engine.pause', { reason: 'Paused from the tray menu.' }) : await invoke('engine.resume', {});
  return r.ok ? null : r.error.message;
}

// Handlers for "Add to queue": reading and saving an account's posting slots, and finding the next free one.

import type { AccountSlots, queueRequests } from '../../../shared/contract/queue';
import { defaultSlots, nextFreeSlot, normaliseSlots, QUEUE_HORIZON_DAYS, type SlotSchedule } from '../../../shared/time/slots';
import { isValidTimeZone } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { invalid, KairosError } from '../errors';
import type { HandlerMap } from './types';

const DAY_MS = 86_400_000;

export function queueHandlers(ctx: BackendContext): HandlerMap<keyof typeof queueRequests> {
  const slots = ctx.stores.slots;

  const requireAccount = (accountId: string, field: string) => {
    const account = ctx.accounts.get(accountId);
    if (!account) throw new KairosError('not_found', `There is no account "${accountId}". Pick one from Accounts.`, field);
    return account;
  };

  const scheduleOf = async (accountId: string): Promise<AccountSlots> => {
    const saved = await slots.get(accountId);
    if (saved) return { accountId, timeZone: saved.timeZone, slots: saved.slots, isDefault: false };
    return { accountId, timeZone: ctx.setting('timeZone'), slots: defaultSlots(), isDefault: true };
  };

  return {
    'queue.slots.get': async ({ accountId }) => {
      requireAccount(accountId, 'accountId');
      return scheduleOf(accountId);
    },

    'queue.slots.set': async (req) => {
      requireAccount(req.accountId, 'accountId');
      const timeZone = req.timeZone ?? (await scheduleOf(req.accountId)).timeZone;
      if (!isValidTimeZone(timeZone)) throw invalid(`"${timeZone}" is not a known time zone (use a name like Europe/Rome).`, 'timeZone');
      const normalised = normaliseSlots(req.slots);
      if ('error' in normalised) throw invalid(normalised.error, 'slots');
      await slots.set(req.accountId, { timeZone, slots: normalised.slots }, ctx.clock.now());
      ctx.emit({ type: 'settings.changed' });
      return scheduleOf(req.accountId);
    },

    'queue.nextSlot': async (req) => {
      const accountIds = [...new Set(req.accountIds)];
      for (const id of accountIds) requireAccount(id, 'accountIds');
      // A slot in the past is no use for a new post, whatever the caller asked.
      const after = Math.max(req.after ?? 0, ctx.clock.now());
      const schedules: SlotSchedule[] = await Promise.all(accountIds.map((id) => scheduleOf(id)));
      if (schedules.every((s) => s.slots.length === 0)) {
        throw new KairosError('conflict', 'These accounts have no posting slots yet. Add some in the queue settings, or pick a time.');
      }
      const taken = await slots.takenInstants(accountIds, after, after + (QUEUE_HORIZON_DAYS + 1) * DAY_MS);
      const next = nextFreeSlot({ schedules, after, taken });
      if (!next) {
        throw new KairosError(
          'conflict',
          `Every posting slot of these accounts in the next ${QUEUE_HORIZON_DAYS / 7} weeks already has a post. Add more slots, or pick a time.`,
        );
      }
      return { at: next.at, timeZone: next.wall.timeZone, date: next.wall.date, time: next.wall.time, note: next.note };
    },
  };
}

// Handlers for "Add to queue": reading and saving an account's posting slots, and finding the next free one.

import type { AccountSlots, queueRequests } from '../../../shared/contract/queue';
import { defaultSlots, nextFreeSlot, normaliseSlotsOrProblem, QUEUE_HORIZON_DAYS, type SlotSchedule } from '../../../shared/time/slots';
import { isValidTimeZone } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { fail, KairosError } from '../errors';
import { PostingSlotsRepo } from '../queue/slotsRepo';
import type { HandlerMap } from './types';

const DAY_MS = 86_400_000;

export function queueHandlers(ctx: BackendContext): HandlerMap<keyof typeof queueRequests> {
  const slots = new PostingSlotsRepo(ctx.db);

  const requireAccount = (accountId: string, field: string) => {
    const account = ctx.accounts.get(accountId);
    if (!account) throw fail('no_such_account', { id: accountId }, field);
    return account;
  };

  const scheduleOf = (accountId: string): AccountSlots => {
    const saved = slots.get(accountId);
    if (saved) return { accountId, timeZone: saved.timeZone, slots: saved.slots, isDefault: false };
    return { accountId, timeZone: ctx.setting('timeZone'), slots: defaultSlots(), isDefault: true };
  };

  return {
    'queue.slots.get': ({ accountId }) => {
      requireAccount(accountId, 'accountId');
      return scheduleOf(accountId);
    },

    'queue.slots.set': (req) => {
      requireAccount(req.accountId, 'accountId');
      const timeZone = req.timeZone ?? scheduleOf(req.accountId).timeZone;
      if (!isValidTimeZone(timeZone)) throw fail('time_zone_unknown', { timeZone }, 'timeZone');
      const normalised = normaliseSlotsOrProblem(req.slots);
      if ('problem' in normalised) throw new KairosError(normalised.problem, 'slots');
      slots.set(req.accountId, { timeZone, slots: normalised.slots }, ctx.clock.now());
      ctx.emit({ type: 'settings.changed' });
      return scheduleOf(req.accountId);
    },

    'queue.nextSlot': (req) => {
      const accountIds = [...new Set(req.accountIds)];
      for (const id of accountIds) requireAccount(id, 'accountIds');
      // A slot in the past is no use for a new post, whatever the caller asked.
      const after = Math.max(req.after ?? 0, ctx.clock.now());
      const schedules: SlotSchedule[] = accountIds.map((id) => scheduleOf(id));
      if (schedules.every((s) => s.slots.length === 0)) {
        throw fail('no_slots', {});
      }
      const taken = slots.takenInstants(accountIds, after, after + (QUEUE_HORIZON_DAYS + 1) * DAY_MS);
      const next = nextFreeSlot({ schedules, after, taken });
      if (!next) {
        throw fail('slots_full', { weeks: QUEUE_HORIZON_DAYS / 7 });
      }
      return { at: next.at, timeZone: next.wall.timeZone, date: next.wall.date, time: next.wall.time, note: next.note };
    },
  };
}

// Handlers for "Add to queue": reading and saving an account's posting slots, and finding the next free one.

import type { queueRequests } from '../../../shared/contract/queue';
import { normaliseSlotsOrProblem } from '../../../shared/time/slots';
import { isValidTimeZone } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { fail, KairosError } from '../errors';
import { QueueSlots } from '../queue/queueSlots';
import type { HandlerMap } from './types';

export function queueHandlers(ctx: BackendContext): HandlerMap<keyof typeof queueRequests> {
  const queue = new QueueSlots(ctx);

  const requireAccount = async (accountId: string, field: string) => {
    const account = await ctx.accounts.get(accountId);
    if (!account) throw fail('no_such_account', { id: accountId }, field);
    return account;
  };

  return {
    'queue.slots.get': async ({ accountId }) => {
      await requireAccount(accountId, 'accountId');
      return queue.scheduleOf(accountId);
    },

    'queue.slots.set': async (req) => {
      await requireAccount(req.accountId, 'accountId');
      const timeZone = req.timeZone ?? (await queue.scheduleOf(req.accountId)).timeZone;
      if (!isValidTimeZone(timeZone)) throw fail('time_zone_unknown', { timeZone }, 'timeZone');
      const normalised = normaliseSlotsOrProblem(req.slots);
      if ('problem' in normalised) throw new KairosError(normalised.problem, 'slots');
      await queue.repo.set(req.accountId, { timeZone, slots: normalised.slots }, ctx.clock.now());
      ctx.emit({ type: 'settings.changed' });
      return queue.scheduleOf(req.accountId);
    },

    'queue.nextSlot': async (req) => {
      for (const id of req.accountIds) await requireAccount(id, 'accountIds');
      // A preview for the composer: saving with when { kind: 'queue' } picks and takes a slot in one write.
      return queue.next(req.accountIds, req.after);
    },
  };
}

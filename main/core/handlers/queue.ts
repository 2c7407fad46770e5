// Handlers for "Add to queue": reading and saving an account's posting slots, and finding the next free one.

import type { queueRequests } from '../../../shared/contract/queue';
import { normaliseSlots } from '../../../shared/time/slots';
import { isValidTimeZone } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { invalid, KairosError } from '../errors';
import { QueueSlots } from '../queue/queueSlots';
import type { HandlerMap } from './types';

export function queueHandlers(ctx: BackendContext): HandlerMap<keyof typeof queueRequests> {
  const queue = new QueueSlots(ctx);

  const requireAccount = (accountId: string, field: string) => {
    const account = ctx.accounts.get(accountId);
    if (!account) throw new KairosError('not_found', `There is no account "${accountId}". Pick one from Accounts.`, field);
    return account;
  };

  return {
    'queue.slots.get': ({ accountId }) => {
      requireAccount(accountId, 'accountId');
      return queue.scheduleOf(accountId);
    },

    'queue.slots.set': (req) => {
      requireAccount(req.accountId, 'accountId');
      const timeZone = req.timeZone ?? queue.scheduleOf(req.accountId).timeZone;
      if (!isValidTimeZone(timeZone)) throw invalid(`"${timeZone}" is not a known time zone (use a name like Europe/Rome).`, 'timeZone');
      const normalised = normaliseSlots(req.slots);
      if ('error' in normalised) throw invalid(normalised.error, 'slots');
      queue.repo.set(req.accountId, { timeZone, slots: normalised.slots }, ctx.clock.now());
      ctx.emit({ type: 'settings.changed' });
      return queue.scheduleOf(req.accountId);
    },

    'queue.nextSlot': (req) => {
      for (const id of req.accountIds) requireAccount(id, 'accountIds');
      // A preview for the composer: saving with when { kind: 'queue' } picks and takes a slot in one write.
      return queue.next(req.accountIds, req.after);
    },
  };
}

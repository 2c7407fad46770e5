// Handlers for evergreen queues and first-comment status; registers both features' work on the scheduler's passes.

import type { evergreenRequests } from '../../../shared/contract/evergreen';
import type { BackendContext } from '../context';
import { fail, notFound } from '../errors';
import { EvergreenQueues } from '../evergreen/evergreenQueue';
import { FollowUpRunner } from '../followups/followupRunner';
import type { HandlerMap } from './types';

/** The evergreen pass reads every queue's posts; once a minute is plenty (a queue change runs it at once). */
const EVERGREEN_PASS_MS = 60_000;

export function evergreenHandlers(ctx: BackendContext): HandlerMap<keyof typeof evergreenRequests> {
  const queues = new EvergreenQueues(ctx);
  const followUps = new FollowUpRunner(ctx);
  let lastFill = Number.NEGATIVE_INFINITY;
  ctx.scheduler.addPassTask({ run: (now) => followUps.run(now), nextAt: (now) => followUps.nextAt(now) });
  ctx.scheduler.addPassTask({
    run: (now) => {
      if (now - lastFill < EVERGREEN_PASS_MS) return;
      lastFill = now;
      queues.fill(now);
    },
    nextAt: () => (queues.repo.queues().some((q) => q.active) ? lastFill + EVERGREEN_PASS_MS : null),
  });

  return {
    'evergreen.queues.list': () => queues.views(ctx.clock.now()),

    'evergreen.queues.set': (req) => {
      const timeZone = ctx.setting('timeZone');
      const now = ctx.clock.now();
      if (req.stopDate && req.stopDate < new Date(now).toISOString().slice(0, 10)) {
        throw fail('stop_date_past', {}, 'stopDate');
      }
      queues.repo.setQueue(
        { label: req.label, minIntervalDays: req.minIntervalDays, stopDate: req.stopDate ?? null, timeZone, active: req.active },
        now,
      );
      lastFill = Number.NEGATIVE_INFINITY;
      ctx.emit({ type: 'settings.changed' });
      ctx.scheduler.wake();
      const q = queues.repo.queue(req.label);
      if (!q) throw notFound('queue');
      return queues.view(q, now);
    },

    'evergreen.queues.remove': ({ label }) => {
      if (!queues.repo.removeQueue(label)) throw notFound('evergreen_queue', label);
      ctx.emit({ type: 'settings.changed' });
      return { label };
    },

    'evergreen.fill': () => {
      const now = ctx.clock.now();
      lastFill = now;
      return { created: queues.fill(now) };
    },

    'followups.ofPost': ({ postId }) => followUps.repo.ofPost(postId),
  };
}

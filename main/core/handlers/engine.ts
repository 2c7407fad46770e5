// Handlers for the engine channels: the crisis brake, decisions, recurring posts, the network state and backups.

import type { ParsedRequestOf, Problem } from '../../../shared/contract';
import type { engineRequests, OccurrenceView, RecurringView } from '../../../shared/contract/engine';
import {
  describeRecurrence,
  nextOccurrence,
  occurrencesBetween,
  type RecurrenceSpec,
  recurrenceProblem,
} from '../../../shared/time/recurrence';
import { isValidTimeZone, resolveWallTimeOrProblem, type WallTime, wallTimeOf } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import type { BackupInfo } from '../db/backups';
import { fail, KairosError, notFound, timeNoteOf } from '../errors';
import { newId } from '../ids';
import type { Decision } from '../publishing/types';
import type { SeriesTemplate, StoredSeries } from '../repos/recurrence';
import { PublishingEngine } from '../scheduler/engine';
import { checkTargets } from './posts';
import type { HandlerMap } from './types';

const backupView = (b: BackupInfo) => ({ fileName: b.fileName, at: b.at, bytes: b.bytes });

/** A resume time from the request: in the future, with a note when a wall time had to be adjusted. */
function resolveResumeAt(ctx: BackendContext, at: number | WallTime | undefined): { at: number | null; note: Problem | null } {
  if (at === undefined) return { at: null, note: null };
  let instant: number;
  let note: Problem | null = null;
  if (typeof at === 'number') instant = at;
  else {
    const r = resolveWallTimeOrProblem(at);
    if (r.kind === 'invalid') throw new KairosError(r.problem, 'resumeAt');
    instant = r.instant;
    note = r.kind === 'exact' ? null : r.notice;
  }
  if (instant <= ctx.clock.now()) throw fail('resume_past', {}, 'resumeAt');
  return { at: instant, note };
}

function occurrenceView(o: { instant: number; wall: WallTime; note: string | null; notice: Problem | null }): OccurrenceView {
  return { at: o.instant, date: o.wall.date, time: o.wall.time, note: o.note, noteProblem: o.notice };
}

async function seriesView(engine: PublishingEngine, s: StoredSeries, now: number): Promise<RecurringView> {
  const upcoming = (await engine.series.occurrences(s.id)).find((o) => o.occurrenceAt > now);
  const next = s.active ? nextOccurrence(s.spec, now) : null;
  return {
    id: s.id,
    description: describeRecurrence(s.spec),
    rule: s.spec.rule as RecurringView['rule'],
    time: s.spec.time,
    timeZone: s.spec.timeZone,
    startDate: s.spec.startDate,
    endDate: s.spec.endDate ?? null,
    active: s.active,
    text: s.template.text,
    accountIds: s.template.accountIds,
    next: next ? occurrenceView(next) : null,
    upcomingPostId: upcoming?.postId ?? null,
  };
}

/** Checks a series the way a post is checked: a valid rule, and content that fits every account. */
async function checkSeries(ctx: BackendContext, spec: RecurrenceSpec, t: SeriesTemplate): Promise<void> {
  const problem = recurrenceProblem(spec);
  if (problem) throw new KairosError(problem, 'rule');
  const bad = (await checkTargets(ctx, { ...t, media: [] })).find((c) => !c.fits);
  if (bad) throw fail('post_does_not_fit', { issue: bad.issues[0] ?? null }, 'text');
}

export function engineHandlers(ctx: BackendContext): HandlerMap<keyof typeof engineRequests> {
  const engine = new PublishingEngine({
    pauses: ctx.stores.pauses,
    series: ctx.stores.series,
    review: ctx.stores.review,
    backups: ctx.stores.backups,
    events: ctx.events,
    posts: ctx.posts,
    accounts: ctx.accounts,
    scheduler: ctx.scheduler,
    clock: ctx.clock,
    graceMinutes: () => {
      const n = Number(ctx.setting('graceMinutes'));
      return Number.isFinite(n) && n >= 0 ? n : 15;
    },
    emit: (e) => ctx.emit(e),
  });

  const toDecision = (d: ParsedRequestOf<'engine.decide'>['decision'], timeZone: string): { decision: Decision; note: Problem | null } => {
    if (d.kind !== 'reschedule') return { decision: d.kind === 'mark-published' ? { kind: d.kind, url: d.url ?? null } : d, note: null };
    const when = d.when;
    if (when.kind === 'now') return { decision: { kind: 'publish-now' }, note: null };
    if (when.kind === 'draft') throw fail('decision_not_draft', {}, 'decision');
    if (when.kind === 'instant') {
      if (when.at < ctx.clock.now()) throw fail('time_past', { or: 'publish_now' }, 'when');
      return { decision: { kind: 'reschedule', at: when.at }, note: null };
    }
    const r = resolveWallTimeOrProblem({ ...when.wall, timeZone: when.wall.timeZone || timeZone });
    if (r.kind === 'invalid') throw new KairosError(r.problem, 'when');
    if (r.instant < ctx.clock.now()) throw fail('wall_time_past', { date: when.wall.date, time: when.wall.time }, 'when');
    return { decision: { kind: 'reschedule', at: r.instant }, note: r.kind === 'exact' ? null : r.notice };
  };

  const template = (req: Partial<ParsedRequestOf<'engine.recurring.create'>>, base?: SeriesTemplate): SeriesTemplate => ({
    text: req.text ?? base?.text ?? '',
    accountIds: req.accountIds ?? base?.accountIds ?? [],
    overrides: req.overrides ?? base?.overrides ?? {},
    labels: req.labels ?? base?.labels ?? [],
    options: req.options ?? base?.options ?? {},
    parts: req.parts ?? base?.parts ?? [],
  });

  return {
    'engine.status': () => engine.announce(),

    'engine.pause': async ({ reason, resumeAt }) => {
      const resume = resolveResumeAt(ctx, resumeAt);
      return { ...(await engine.pause(null, reason, resume.at, ctx.actor)), ...timeNoteOf(resume.note) };
    },
    'engine.resume': () => engine.resume(null, ctx.actor),
    'engine.pauseAccount': async ({ accountId, reason, resumeAt }) => {
      const resume = resolveResumeAt(ctx, resumeAt);
      return { ...(await engine.pause(accountId, reason, resume.at, ctx.actor)), ...timeNoteOf(resume.note) };
    },
    'engine.resumeAccount': ({ accountId }) => engine.resume(accountId, ctx.actor),

    'engine.review': async (req) =>
      (await engine.review.list(req?.statuses ? { statuses: req.statuses } : {})).map((r) => engine.reviewItem(r)),

    'engine.decide': async ({ postId, accountId, decision }) => {
      const post = await ctx.posts.get(postId);
      if (!post) throw notFound('post');
      const { decision: d, note } = toDecision(decision, post.timeZone);
      return { ...(await engine.decide(postId, accountId, d, ctx.actor)), ...timeNoteOf(note) };
    },

    'engine.hold': ({ postId, accountId, reason }) => engine.hold(postId, accountId, 'user', reason, ctx.actor),

    'engine.networkChanged': async ({ online }) => {
      await ctx.scheduler.networkChanged(online);
      return engine.announce();
    },

    'engine.recurring.list': async () => {
      const views: RecurringView[] = [];
      for (const s of await engine.series.list()) views.push(await seriesView(engine, s, ctx.clock.now()));
      return views;
    },

    'engine.recurring.create': async (req) => {
      const now = ctx.clock.now();
      if (!isValidTimeZone(req.timeZone)) throw fail('time_zone_unknown', { timeZone: req.timeZone }, 'timeZone');
      const spec: RecurrenceSpec = {
        rule: req.rule,
        time: req.time,
        timeZone: req.timeZone,
        startDate: req.startDate ?? wallTimeOf(now, req.timeZone).date,
        endDate: req.endDate ?? null,
      };
      const t = template(req);
      await checkSeries(ctx, spec, t);
      if (!nextOccurrence(spec, now)) throw fail('rule_never_occurs', {}, 'rule');
      const s = await engine.series.create({ id: newId('series', now), spec, template: t, now }, ctx.actor);
      const created = await engine.recurring.materialize(now, ctx.actor);
      ctx.emit({ type: 'posts.changed', postIds: created });
      ctx.scheduler.wake();
      return seriesView(engine, s, now);
    },

    'engine.recurring.update': async (req) => {
      const now = ctx.clock.now();
      const s = await engine.series.get(req.id);
      if (!s) throw notFound('recurring_post');
      const spec: RecurrenceSpec = {
        rule: req.rule ?? s.spec.rule,
        time: req.time ?? s.spec.time,
        timeZone: req.timeZone ?? s.spec.timeZone,
        startDate: req.startDate ?? s.spec.startDate,
        endDate: req.endDate === undefined ? (s.spec.endDate ?? null) : req.endDate,
      };
      const t = template(req, s.template);
      const active = req.active ?? s.active;
      if (active) await checkSeries(ctx, spec, t);
      const updated = await engine.series.update(s.id, { spec, template: t, active, now }, ctx.actor);
      const changed = await engine.recurring.replaceUpcoming(s.id, now, ctx.actor);
      ctx.emit({ type: 'posts.changed', postIds: changed });
      ctx.scheduler.wake();
      return seriesView(engine, updated, now);
    },

    'engine.recurring.preview': (req) => {
      const now = ctx.clock.now();
      const spec: RecurrenceSpec = {
        rule: req.rule,
        time: req.time,
        timeZone: req.timeZone,
        startDate: req.startDate ?? (isValidTimeZone(req.timeZone) ? wallTimeOf(now, req.timeZone).date : '1970-01-01'),
        endDate: req.endDate ?? null,
      };
      const problem = recurrenceProblem(spec);
      if (problem) throw new KairosError(problem, 'rule');
      return occurrencesBetween(spec, now, Number.POSITIVE_INFINITY, req.count ?? 10).map(occurrenceView);
    },

    'database.backups': () => engine.backups().map(backupView),
    'database.backupNow': async () => backupView(await engine.backupNow()),
    'database.restoreBackup': ({ fileName }) => {
      const chosen = engine.requestRestore(fileName);
      return {
        backup: backupView(chosen),
        restartRequired: true as const,
        message: `Kairos will restore the backup of ${new Date(chosen.at).toISOString()} when it next starts; the current database will be kept beside it. Posts that came due since then will be held for you to check. Restart Kairos now.`,
      };
    },
  };
}

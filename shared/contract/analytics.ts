// Channels of the analytics view and the leadership report: numbers over time, per post, exports and schedules.

import { z } from 'zod';
import {
  type AnalyticsView,
  type CollectResult,
  type PostAnalytics,
  REPORT_FORMATS,
  REPORT_LOCALES,
  type ReportFile,
  type ReportSchedule,
} from '../analytics';
import { Id } from './common';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.');

export const AnalyticsQuerySchema = z
  .object({
    from: Day,
    to: Day,
    timeZone: z.string().min(1).max(100).optional(),
    accountIds: z.array(Id).max(100).optional(),
    labels: z.array(z.string().min(1).max(100)).max(100).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'The end date is before the start date. Swap them and try again.', path: ['to'] });

export const analyticsRequests = {
  'analytics.view': AnalyticsQuerySchema,
  'analytics.post': z.object({ postId: Id, timeZone: z.string().min(1).max(100).optional() }),
  /** Read fresh numbers now: of one post, or every planned snapshot that is due. */
  'metrics.refresh': z.object({ postId: Id.optional() }),
  'reports.export': z.object({
    query: AnalyticsQuerySchema,
    format: z.enum(REPORT_FORMATS),
    locale: z.enum(REPORT_LOCALES).optional(),
  }),
  'reports.schedules.list': z.object({}).optional(),
  'reports.schedules.add': z.object({
    cadence: z.enum(['weekly', 'monthly']),
    folder: z.string().min(1, 'Pick the folder the reports go to.').max(1000),
    format: z.enum(REPORT_FORMATS),
    accountIds: z.array(Id).max(100).optional(),
    labels: z.array(z.string().min(1).max(100)).max(100).optional(),
  }),
  'reports.schedules.remove': z.object({ id: Id }),
} as const;

export interface AnalyticsResponses {
  'analytics.view': AnalyticsView;
  'analytics.post': PostAnalytics;
  'metrics.refresh': CollectResult;
  'reports.export': ReportFile;
  'reports.schedules.list': ReportSchedule[];
  'reports.schedules.add': ReportSchedule;
  'reports.schedules.remove': { readonly id: string };
}

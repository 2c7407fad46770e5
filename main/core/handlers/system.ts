// Handlers for app info, settings and scheduler status.

import { isValidTimeZone } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { fail } from '../errors';
import type { HandlerMap } from './types';

export function systemHandlers(ctx: BackendContext): HandlerMap<'app.info' | 'settings.get' | 'settings.set' | 'scheduler.status'> {
  return {
    'app.info': async () => ({
      version: ctx.version,
      dataDir: ctx.dataDir,
      shell: ctx.shell,
      secretStorage: await ctx.secrets.describe(),
      defaultTimeZone: ctx.setting('timeZone'),
    }),
    'settings.get': () => ctx.settings.all(),
    'settings.set': async ({ key, value }) => {
      if (key === 'timeZone' && !isValidTimeZone(value)) {
        throw fail('time_zone_unknown', { timeZone: value }, 'value');
      }
      if (key === 'graceMinutes' && !/^\d{1,4}$/.test(value)) throw fail('grace_minutes', {}, 'value');
      if (key === 'theme' && !['system', 'light', 'dark'].includes(value)) throw fail('theme_value', {}, 'value');
      if (key === 'locale' && !['system', 'en', 'it'].includes(value)) throw fail('locale_value', {}, 'value');
      await ctx.settings.set(key, value);
      ctx.emit({ type: 'settings.changed' });
      return ctx.settings.all();
    },
    'scheduler.status': () => ctx.scheduler.status(),
  };
}

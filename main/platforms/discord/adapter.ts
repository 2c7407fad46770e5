// Discord channel webhooks: connect by pasting the webhook URL, publish text messages.

import { type Issue, issue } from '../../../shared/contract/problems';
import { DEFAULT_RULES } from '../../../shared/platforms/rules';
import { parseUrl } from '../../core/parse';
import { parseRetryAfter, readJson, send } from '../../core/platforms/http';
import { type PlatformAdapter, PlatformError } from '../../core/platforms/types';

export interface DiscordConnectInput {
  readonly webhookUrl: string;
}

interface DiscordSecret {
  readonly webhookUrl: string;
}

const DISCORD_HOSTS = new Set(['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{5,30})\/([\w-]{20,200})\/?$/;

/**
 * Checks the shape of a webhook URL. Discord's own hosts over https; loopback over http is accepted
 * too, for local relays and development servers.
 */
export function parseWebhookUrl(raw: string): { base: string; id: string } {
  const url = parseUrl(raw.trim());
  if (!url)
    throw new PlatformError(
      'invalid',
      'That is not a URL. Paste the whole webhook URL from Discord (Channel settings → Integrations → Webhooks → Copy Webhook URL).',
    );
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname === '::1';
  const okHost = (url.protocol === 'https:' && DISCORD_HOSTS.has(url.hostname)) || (url.protocol === 'http:' && loopback);
  const m = WEBHOOK_PATH.exec(url.pathname);
  if (!okHost || !m) {
    throw new PlatformError(
      'invalid',
      'That is not a Discord webhook URL. It should look like https://discord.com/api/webhooks/123…/abc… (Channel settings → Integrations → Webhooks → Copy Webhook URL).',
    );
  }
  return { base: `${url.origin}${url.pathname.replace(/\/$/, '')}`, id: m[1] as string };
}

interface DiscordErrorBody {
  message?: string;
  code?: number;
  retry_after?: number;
  global?: boolean;
}

async function failureFrom(res: Response, now: number, creating: boolean): Promise<PlatformError> {
  const body = ((await readJson(res)) ?? {}) as DiscordErrorBody;
  const said = body.message ? `Discord said: "${body.message}".` : `Discord answered ${res.status}.`;
  if (res.status === 429) {
    const fromBody = typeof body.retry_after === 'number' ? Math.ceil(body.retry_after * 1000) : null;
    const retryAfterMs = fromBody ?? parseRetryAfter(res.headers.get('retry-after'), now) ?? 5_000;
    return new PlatformError(
      'rate_limited',
      `Discord is rate-limiting this webhook; trying again in ${Math.ceil(retryAfterMs / 1000)} s.`,
      {
        retryAfterMs,
        status: 429,
      },
    );
  }
  if (res.status === 404 || body.code === 10015) {
    return new PlatformError(
      'gone',
      'This Discord webhook no longer exists (it was deleted or regenerated). Paste a new webhook URL in Accounts.',
      { status: 404 },
    );
  }
  if (res.status === 401 || res.status === 403) {
    return new PlatformError('auth', `Discord refused the webhook's token. Paste the webhook URL again in Accounts. ${said}`, {
      status: res.status,
    });
  }
  if (res.status >= 500) {
    return new PlatformError(creating ? 'transient' : 'transient', `Discord had a server problem (${res.status}); Kairos will try again.`, {
      status: res.status,
    });
  }
  return new PlatformError('invalid', `Discord refused the message. ${said}`, { status: res.status });
}

export function createDiscordAdapter(): PlatformAdapter<DiscordConnectInput, DiscordSecret> {
  return {
    id: 'discord',
    displayName: 'Discord',
    connectField: 'webhookUrl',
    // Discord webhooks report 5 requests per 2 s each, and the app's requests share a global limit.
    publishBudget: { perAccount: { burst: 5, refillMs: 400 }, perPlatform: { burst: 50, refillMs: 20 } },
    // A webhook gives no signals to read.
    conversationBudget: { capacity: 0, windowMs: 5 * 60_000 },
    probeOrigin: 'https://discord.com',
    // A channel takes the same message again.
    repeatPolicy: 'allows',

    async connect(input, signal) {
      const { base } = parseWebhookUrl(input.webhookUrl);
      const res = await send(base, { method: 'GET' }, { serviceName: 'Discord', timeoutMs: 15_000, ...(signal ? { signal } : {}) });
      if (!res.ok) throw await failureFrom(res, Date.now(), false);
      const hook = (await readJson(res)) as { name?: string; channel_id?: string; guild_id?: string } | null;
      if (!hook || typeof hook.channel_id !== 'string') {
        throw new PlatformError('invalid', 'That URL answered, but not like a Discord webhook. Check that you pasted a webhook URL.');
      }
      return {
        handle: hook.name ? `${hook.name} (webhook)` : 'Discord webhook',
        avatarUrl: null,
        config: { channelId: hook.channel_id, guildId: hook.guild_id ?? null },
        secret: { webhookUrl: base },
      };
    },

    lengthRule: () => DEFAULT_RULES.discord,

    idempotentRetry: false,

    validate(draft) {
      const problems: Issue[] = [];
      if (draft.text.trim().length === 0 && draft.media.length === 0)
        problems.push(issue('needs_text', { network: 'Discord', orMedia: null, part: null }));
      if (draft.parts.length > 0) problems.push(issue('no_threads', { network: 'Discord' }));
      if (draft.media.length > 0) problems.push(issue('no_media_yet', {}));
      if (draft.options.poll) problems.push(issue('no_polls', { network: 'Discord' }));
      return problems;
    },

    async publish(req, ctx) {
      const url = `${ctx.secret.webhookUrl}?wait=true`;
      const res = await send(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // Never ping @everyone or @here by accident from a scheduled post.
          body: JSON.stringify({ content: req.text, allowed_mentions: { parse: ['users', 'roles'] } }),
        },
        { serviceName: 'Discord', creates: true, timeoutMs: 30_000, ...(ctx.signal ? { signal: ctx.signal } : {}) },
      );
      if (!res.ok) throw await failureFrom(res, Date.now(), true);
      const msg = (await readJson(res)) as { id?: string; channel_id?: string } | null;
      if (!msg || typeof msg.id !== 'string') {
        throw new PlatformError('unknown_outcome', 'Discord accepted the message but did not say which one it created.');
      }
      const guild = ctx.account.config.guildId;
      const channel = msg.channel_id ?? ctx.account.config.channelId;
      const remoteUrl = typeof guild === 'string' && channel ? `https://discord.com/channels/${guild}/${channel}/${msg.id}` : null;
      return { remoteId: msg.id, remoteUrl };
    },
  };
}

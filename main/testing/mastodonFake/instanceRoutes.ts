// Server discovery and accounts: instance v1/v2, NodeInfo, WebFinger, verify_credentials and an account's statuses.

import type { FakeCore } from './core';
import { accountEntity, credentialAccountEntity, statusEntity } from './entities';
import { errorReply, type FakeReply, type FakeRequest, json, notFound, requireUser } from './protocol';

function configuration(core: FakeCore) {
  const l = core.settings.limits;
  return {
    urls: { streaming: core.origin.replace(/^http/, 'ws') },
    accounts: { max_featured_tags: 10 },
    statuses: {
      max_characters: l.maxCharacters,
      max_media_attachments: l.maxMediaAttachments,
      characters_reserved_per_url: l.charactersReservedPerUrl,
    },
    media_attachments: {
      supported_mime_types: l.supportedMimeTypes,
      image_size_limit: l.imageSizeLimit,
      image_matrix_limit: l.imageMatrixLimit,
      video_size_limit: l.videoSizeLimit,
      video_frame_rate_limit: 120,
      video_matrix_limit: l.videoMatrixLimit,
    },
    polls: {
      max_options: l.pollMaxOptions,
      max_characters_per_option: l.pollMaxCharactersPerOption,
      min_expiration: l.pollMinExpiration,
      max_expiration: l.pollMaxExpiration,
    },
    translation: { enabled: false },
  };
}

function instanceV2(core: FakeCore): FakeReply {
  return json(200, {
    domain: core.domain,
    title: core.settings.title,
    version: core.settings.software.version,
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'A fake server for tests.',
    usage: { users: { active_month: 42 } },
    thumbnail: { url: `${core.origin}/thumb.png` },
    languages: ['en'],
    configuration: configuration(core),
    registrations: { enabled: false, approval_required: false, message: null },
    contact: { email: 'admin@example.org', account: null },
    rules: [],
  });
}

function instanceV1(core: FakeCore): FakeReply {
  return json(200, {
    uri: core.domain,
    title: core.settings.title,
    short_description: 'A fake server for tests.',
    description: '',
    email: 'admin@example.org',
    version: core.settings.software.version,
    urls: { streaming_api: core.origin.replace(/^http/, 'ws') },
    stats: { user_count: 42, status_count: core.statuses.length, domain_count: 1 },
    languages: ['en'],
    registrations: false,
    approval_required: false,
    invites_enabled: false,
    configuration: configuration(core),
  });
}

function webfinger(core: FakeCore, q: URLSearchParams): FakeReply {
  const m = /^acct:([^@]+)@(.+)$/.exec(q.get('resource') ?? '');
  const user = m ? [...core.users.values()].find((u) => u.username === m[1]) : undefined;
  if (!m || !user || m[2] !== core.domain) return notFound();
  return {
    status: 200,
    json: {
      subject: `acct:${user.username}@${core.domain}`,
      aliases: [`${core.origin}/@${user.username}`],
      links: [
        { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: `${core.origin}/@${user.username}` },
        { rel: 'self', type: 'application/activity+json', href: `${core.origin}/users/${user.username}` },
      ],
    },
    headers: { 'content-type': 'application/jrd+json; charset=utf-8' },
  };
}

function accountStatuses(core: FakeCore, req: FakeRequest, accountId: string): FakeReply {
  if (!core.users.has(accountId)) return notFound();
  const limit = Math.min(40, Number(req.query.get('limit') ?? 20) || 20);
  const maxId = req.query.get('max_id');
  const sinceId = req.query.get('since_id');
  const excludeReplies = req.query.get('exclude_replies') === 'true';
  const viewer = req.token?.userId ?? null;
  const list = core.statuses
    .filter((s) => s.userId === accountId && !s.deleted)
    .filter((s) => viewer === accountId || s.visibility === 'public' || s.visibility === 'unlisted')
    .filter((s) => !excludeReplies || s.inReplyToId === null)
    .filter((s) => (maxId ? BigInt(s.id) < BigInt(maxId) : true))
    .filter((s) => (sinceId ? BigInt(s.id) > BigInt(sinceId) : true))
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, limit);
  return json(
    200,
    list.map((s) => statusEntity(core, s)),
  );
}

export function handleInstance(core: FakeCore, req: FakeRequest): FakeReply | null {
  const { method, path } = req;
  if (method !== 'GET') return null;
  if (path === '/api/v2/instance') return core.settings.instanceV2 ? instanceV2(core) : errorReply(404, 'Not Found');
  if (path === '/api/v1/instance') return instanceV1(core);
  if (path === '/.well-known/nodeinfo') {
    if (!core.settings.nodeInfo) return errorReply(404, 'Not Found');
    return json(200, { links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${core.origin}/nodeinfo/2.0` }] });
  }
  if (path === '/nodeinfo/2.0' && core.settings.nodeInfo) {
    return json(200, {
      version: '2.0',
      software: { name: core.settings.software.name, version: core.settings.software.version },
      protocols: ['activitypub'],
      services: { outbound: [], inbound: [] },
      usage: { users: { total: 42, activeMonth: 42, activeHalfyear: 42 }, localPosts: core.statuses.length },
      openRegistrations: false,
      metadata: { nodeName: core.settings.title },
    });
  }
  if (path === '/.well-known/webfinger') return webfinger(core, req.query);
  if (path === '/api/v1/accounts/verify_credentials') {
    const t = requireUser(req, 'read:accounts');
    if ('status' in t) return t;
    const u = core.users.get(t.userId);
    return u ? json(200, credentialAccountEntity(core, u)) : notFound();
  }
  const statuses = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(path);
  if (statuses) return accountStatuses(core, req, statuses[1] as string);
  const account = /^\/api\/v1\/accounts\/([^/]+)$/.exec(path);
  if (account) {
    const u = core.users.get(account[1] as string);
    return u ? json(200, accountEntity(core, u)) : notFound();
  }
  return null;
}

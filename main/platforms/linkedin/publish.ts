// Publishes a member post: images through the Images API (with alt text), then one POST /rest/posts.

import type { AccountContext, PublishOutcome, PublishRequest } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { StoredMedia } from '../../core/repos/media';
import { LinkedInApi } from './api';
import { type LinkedInAccountConfig, type LinkedInSecret, linkedInConfigOf } from './config';
import { requestLinkedInToken } from './connect';
import { escapeLittleText } from './little';

/** Renew the access token this long before it runs out, when LinkedIn gave the app a refresh token. */
const RENEW_BEFORE_MS = 7 * 86_400_000;

export function postUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

/** A usable access token: refreshed when it is about to run out and can be, refused in words when it ran out. */
export async function freshLinkedInSecret(
  ctx: AccountContext<LinkedInSecret>,
  cfg: LinkedInAccountConfig,
  now: number,
): Promise<LinkedInSecret> {
  const s = ctx.secret;
  if (s.expiresAt - now > RENEW_BEFORE_MS) return s;
  if (s.refreshToken && (s.refreshExpiresAt === null || s.refreshExpiresAt > now)) {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: s.refreshToken });
    const next = await requestLinkedInToken(cfg.authOrigin, form, s, now);
    // LinkedIn's refresh token keeps its first expiry; a reply without one keeps the old one.
    const merged = {
      ...next,
      refreshToken: next.refreshToken ?? s.refreshToken,
      refreshExpiresAt: s.refreshExpiresAt ?? next.refreshExpiresAt,
    };
    await ctx.saveSecret(merged);
    return merged;
  }
  if (s.expiresAt <= now) {
    throw new PlatformError(
      'auth',
      `The LinkedIn login ran out on ${new Date(s.expiresAt).toISOString().slice(0, 10)} (LinkedIn logins last 60 days). Sign in to LinkedIn again in Accounts; the posts wait.`,
    );
  }
  return s;
}

async function uploadImage(api: LinkedInApi, owner: string, media: StoredMedia, bytes: Buffer): Promise<string> {
  const init = await api.call({
    method: 'POST',
    path: '/rest/images?action=initializeUpload',
    json: { initializeUploadRequest: { owner } },
    what: `preparing the upload of "${media.fileName}"`,
  });
  const value = (init.body as { value?: { uploadUrl?: unknown; image?: unknown } } | null)?.value;
  if (typeof value?.uploadUrl !== 'string' || typeof value.image !== 'string') {
    throw new PlatformError('transient', 'LinkedIn did not hand out an upload address for the image.');
  }
  await api.call({
    method: 'PUT',
    path: value.uploadUrl,
    body: bytes,
    contentType: media.mime,
    rest: false,
    what: `uploading "${media.fileName}"`,
  });
  return value.image;
}

function visibilityOf(req: PublishRequest): 'PUBLIC' | 'CONNECTIONS' {
  return req.options.visibility === 'private' ? 'CONNECTIONS' : 'PUBLIC';
}

export async function publishToLinkedIn(
  req: PublishRequest,
  ctx: AccountContext<LinkedInSecret>,
  now: () => number,
): Promise<PublishOutcome> {
  const part = req.parts[0];
  if (part?.done) return { remoteId: part.done.remoteId, remoteUrl: part.done.remoteUrl };
  const cfg = linkedInConfigOf(ctx.account);
  const secret = await freshLinkedInSecret(ctx, cfg, now());
  const api = new LinkedInApi(cfg.apiOrigin, secret.accessToken, cfg.apiVersion, ctx.signal);
  const media = part?.media ?? [];
  const images: { id: string; altText: string }[] = [];
  for (const m of media) images.push({ id: await uploadImage(api, cfg.memberUrn, m, ctx.readMedia(m)), altText: m.alt.slice(0, 4086) });
  const body: Record<string, unknown> = {
    author: cfg.memberUrn,
    commentary: escapeLittleText(req.text),
    visibility: visibilityOf(req),
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
  const [only] = images;
  if (images.length === 1 && only) body.content = { media: { id: only.id, ...(only.altText ? { altText: only.altText } : {}) } };
  else if (images.length > 1) body.content = { multiImage: { images: images.map((i) => (i.altText ? i : { id: i.id })) } };
  const res = await api.call({ method: 'POST', path: '/rest/posts', json: body, creates: true, what: 'publishing the post' });
  const urn = res.headers.get('x-restli-id');
  if (!urn) {
    // The post exists (201) but LinkedIn did not say which it is: record it without a link rather than post again.
    throw new PlatformError('unknown_outcome', 'LinkedIn accepted the post but did not return its id.');
  }
  const out = { remoteId: urn, remoteUrl: postUrl(urn) };
  await ctx.recordPart(0, out);
  return out;
}

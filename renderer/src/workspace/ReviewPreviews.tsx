// The post as each of its networks will show it, drawn by the composer's own preview components from what the review
// routes answer (no link card is fetched: a reviewer's page calls nothing but the review routes).

import type { AccountWithRule } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import type { ComposerForm } from '../composer/composerModel';
import { Previews } from '../composer/Previews';
import { useStrings } from '../i18n';
import type { ReviewPostContent } from './types';

const PLATFORMS: readonly PlatformId[] = ['discord', 'mastodon', 'bluesky', 'telegram', 'nostr', 'linkedin', 'x'];
const isPlatform = (p: string): p is PlatformId => (PLATFORMS as readonly string[]).includes(p);

/** The review's post as the composer's form and accounts, which is what the previews draw from. */
export function previewInputs(view: ReviewPostContent): { form: ComposerForm; accounts: AccountWithRule[] } {
  const networks = view.networks.filter((n) => isPlatform(n.platform));
  const accounts: AccountWithRule[] = networks.map((n) => ({
    id: n.accountId,
    platform: n.platform as PlatformId,
    name: n.accountName,
    handle: n.handle,
    status: 'connected',
    statusReason: null,
    avatarUrl: n.avatarUrl,
    createdAt: 0,
    lengthRule: { platform: n.platform as PlatformId, maxLength: 0, unit: 'codepoints' },
    unreadableHere: null,
    unreadableHereProblem: null,
    unreadableElsewhere: null,
    unreadableElsewhereProblem: null,
  }));
  const overrides: Record<string, string> = {};
  for (const n of networks) if (n.text !== view.post.text) overrides[n.accountId] = n.text;
  const options = view.post.options;
  const form: ComposerForm = {
    text: view.post.text,
    parts: view.post.parts.map((p) =>
      typeof p === 'string' ? p : typeof p === 'object' && p && 'text' in p ? String((p as { text: unknown }).text) : '',
    ),
    accountIds: accounts.map((a) => a.id),
    overrides,
    // Media bytes are not served to reviewers yet: the files are listed with their alt texts beside the previews.
    media: [],
    labels: view.post.labels,
    contentWarning: typeof options.contentWarning === 'string' ? options.contentWarning : '',
    language: '',
    visibility: '',
    noLinkCard: true,
    otherOptions: {},
    date: '',
    time: '',
    timeZone: view.post.timeZone,
  };
  return { form, accounts };
}

export function ReviewPreviews({ view }: { readonly view: ReviewPostContent }) {
  const t = useStrings().team.panel;
  const { form, accounts } = previewInputs(view);
  return (
    <div className="ws-previews">
      {accounts.length === 0 ? <p className="muted">{t.noNetworks}</p> : <Previews form={form} accounts={accounts} />}
      {view.media.length > 0 ? (
        <section className="ws-media">
          <h3 className="section-title">{t.media}</h3>
          <ul>
            {view.media.map((m) => (
              <li key={m.id}>
                <strong>{m.fileName}</strong> <span className="muted">{t.alt(m.alt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

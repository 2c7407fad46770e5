// A preview per chosen account that looks like a post on its network: text, content warning, images, link card, thread.

import { useEffect, useId, useState } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import type { FirstComment } from '../../../shared/domain';
import type { LinkCardPreview } from '../../../shared/platforms/bluesky/contract';
import { invoke } from '../api/client';
import { NetworkIcon, swatchOf } from '../components/Swatches';
import { useStrings } from '../i18n';
import type { ComposerForm, MediaItem } from './composerModel';
import { useMediaPreview } from './MediaField';

export interface PreviewsProps {
  readonly form: ComposerForm;
  readonly accounts: readonly AccountWithRule[];
}

/** About how many characters LinkedIn shows in the feed before "…see more". */
const LINKEDIN_FOLD = 210;

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/iu;

export function Previews({ form, accounts }: PreviewsProps) {
  const t = useStrings();
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const active = accounts.find((a) => a.id === chosen) ?? accounts[0] ?? null;
  const card = useLinkCard(
    form.noLinkCard ? null : (URL_IN_TEXT.exec(active ? (form.overrides[active.id] ?? form.text) : form.text)?.[0] ?? null),
  );

  return (
    <section className="previews" aria-labelledby={`${id}-title`}>
      <h3 className="section-title" id={`${id}-title`}>
        {t.preview.title}
      </h3>
      {accounts.length === 0 || !active ? (
        <p className="muted">{t.preview.pickAccount}</p>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label={t.preview.title}>
            {accounts.map((a) => (
              <button
                key={a.id}
                type="button"
                role="tab"
                id={`${id}-tab-${a.id}`}
                aria-selected={a.id === active.id}
                aria-controls={`${id}-panel`}
                tabIndex={a.id === active.id ? 0 : -1}
                className="tabs__tab"
                onClick={() => setChosen(a.id)}
                onKeyDown={(e) => {
                  const i = accounts.findIndex((x) => x.id === a.id);
                  const next = e.key === 'ArrowRight' ? accounts[i + 1] : e.key === 'ArrowLeft' ? accounts[i - 1] : undefined;
                  if (next) {
                    setChosen(next.id);
                    document.getElementById(`${id}-tab-${next.id}`)?.focus();
                  }
                }}
              >
                <span className={`mark swatch-${swatchOf(a.id)}`} aria-hidden="true">
                  <NetworkIcon platform={a.platform} size={11} />
                </span>
                {a.name}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`${id}-panel`}
            aria-labelledby={`${id}-tab-${active.id}`}
            className={`preview preview--${active.platform}`}
          >
            <PostPreview account={active} form={form} card={card} />
          </div>
        </>
      )}
    </section>
  );
}

function PostPreview({
  account,
  form,
  card,
}: {
  readonly account: AccountWithRule;
  readonly form: ComposerForm;
  readonly card: LinkCardPreview | null;
}) {
  const texts = [form.overrides[account.id] ?? form.text, ...form.parts];
  const comment = account.repliesToOwnPosts ? (form.otherOptions.firstComment ?? null) : null;
  return (
    <ol className="preview__thread">
      {texts.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a part is its position in the thread.
        <li key={i} className="preview__post">
          <PreviewHead account={account} reply={i > 0} />
          <PreviewBody
            platform={account.platform}
            text={text}
            contentWarning={form.contentWarning.trim()}
            media={form.media.filter((m) => m.partIndex === i)}
            card={i === 0 && form.media.filter((m) => m.partIndex === 0).length === 0 ? card : null}
          />
        </li>
      ))}
      {comment ? <FirstCommentPreview account={account} comment={comment} /> : null}
    </ol>
  );
}

/** The first comment as the last reply of the thread, with when it goes out. */
function FirstCommentPreview({ account, comment }: { readonly account: AccountWithRule; readonly comment: FirstComment }) {
  const t = useStrings();
  return (
    <li className="preview__post preview__post--first-comment" data-testid="first-comment-preview">
      <PreviewHead account={account} reply />
      <p className="muted preview__when">{t.firstComment.preview(comment.delayMinutes)}</p>
      <PreviewBody platform={account.platform} text={comment.text} contentWarning="" media={[]} card={null} />
    </li>
  );
}

function PreviewHead({ account, reply }: { readonly account: AccountWithRule; readonly reply: boolean }) {
  const t = useStrings();
  return (
    <div className="preview__head">
      <span className={`preview__avatar swatch-${swatchOf(account.id)}`} aria-hidden="true">
        {Array.from(account.name)[0]?.toUpperCase() ?? '?'}
      </span>
      <span className="preview__who">
        <strong>{account.name}</strong>
        <span className="muted">{account.platform === 'discord' ? t.preview.discordApp : account.handle}</span>
      </span>
      {reply ? <span className="muted preview__reply">{t.preview.reply}</span> : null}
      <span className="preview__network" aria-hidden="true">
        <NetworkIcon platform={account.platform} size={14} />
      </span>
    </div>
  );
}

function PreviewBody({
  platform,
  text,
  contentWarning,
  media,
  card,
}: {
  readonly platform: AccountWithRule['platform'];
  readonly text: string;
  readonly contentWarning: string;
  readonly media: readonly MediaItem[];
  readonly card: LinkCardPreview | null;
}) {
  const t = useStrings();
  const [revealed, setRevealed] = useState(false);
  const hidden = contentWarning !== '' && !revealed;
  // LinkedIn's feed shows about the first three lines and folds the rest behind "see more": so does the preview.
  const [unfolded, setUnfolded] = useState(false);
  const folded = platform === 'linkedin' && !unfolded && Array.from(text).length > LINKEDIN_FOLD;
  return (
    <div className="preview__body">
      {contentWarning !== '' ? (
        <div className="preview__cw">
          <span>{platform === 'discord' || platform === 'telegram' ? t.preview.spoiler(contentWarning) : contentWarning}</span>
          <button type="button" className="button button--small" aria-expanded={revealed} onClick={() => setRevealed((r) => !r)}>
            {revealed ? t.preview.showLess : t.preview.showMore}
          </button>
        </div>
      ) : null}
      {hidden ? null : (
        <>
          <p className="preview__text">
            <RichText text={folded ? `${Array.from(text).slice(0, LINKEDIN_FOLD).join('').trimEnd()}…` : text} />
          </p>
          {platform === 'telegram' && media.length > 1 ? <p className="muted preview__note">{t.preview.album(media.length)}</p> : null}
          {platform === 'linkedin' && Array.from(text).length > LINKEDIN_FOLD ? (
            <button type="button" className="button button--small" aria-expanded={unfolded} onClick={() => setUnfolded((u) => !u)}>
              {unfolded ? t.preview.showLess : t.preview.showMore}
            </button>
          ) : null}
          {media.length > 0 ? (
            <div className={`preview__media preview__media--${Math.min(media.length, 4)}`}>
              {media.map((m) => (
                <PreviewImage key={m.id} item={m} />
              ))}
            </div>
          ) : null}
          {card ? (
            <div className="preview__card">
              {card.imageDataUrl ? <img src={card.imageDataUrl} alt="" /> : null}
              <div className="preview__card-text">
                <span className="muted">{hostOf(card.url)}</span>
                <strong>{card.title}</strong>
                {card.description ? <span className="muted">{card.description}</span> : null}
              </div>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

function PreviewImage({ item }: { readonly item: MediaItem }) {
  const url = useMediaPreview(item.id);
  return (
    <figure className="preview__image">
      {url ? <img src={url} alt={item.alt} /> : <span className="preview__image-empty" />}
      {item.alt.trim() !== '' ? <figcaption className="preview__alt">ALT</figcaption> : null}
    </figure>
  );
}

/** Links, hashtags and mentions drawn the way networks draw them. */
function RichText({ text }: { readonly text: string }) {
  const pieces = text.split(
    /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]|nostr:n(?:pub|profile)1[02-9ac-hj-np-z]+|#[\p{L}\p{N}_]+|@[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?)/gu,
  );
  return (
    <>
      {pieces.map((piece, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order.
          <span key={i} className="preview__link">
            {piece.startsWith('nostr:') ? `@${piece.slice(6, 16)}…${piece.slice(-4)}` : piece}
          </span>
        ) : (
          piece
        ),
      )}
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const cards = new Map<string, LinkCardPreview | null>();

/** The card of the first link, fetched by the backend once the link has stayed the same for a moment. */
function useLinkCard(url: string | null): LinkCardPreview | null {
  const [card, setCard] = useState<LinkCardPreview | null>(url ? (cards.get(url) ?? null) : null);
  useEffect(() => {
    if (!url) {
      setCard(null);
      return;
    }
    if (cards.has(url)) {
      setCard(cards.get(url) ?? null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      void invoke('bluesky.linkCard', { url }).then((r) => {
        cards.set(url, r.ok ? r.value : null);
        if (live) setCard(r.ok ? r.value : null);
      });
    }, 700);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [url]);
  return card;
}

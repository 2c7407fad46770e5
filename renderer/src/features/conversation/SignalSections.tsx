// The sections fed by the networks: what is trending, how the post's words are used right now, and mentions.

import type { ConversationPanel } from '../../../../shared/contract/conversation';
import { useStrings } from '../../i18n';
import { PanelSection, SignalPostItem, Sparkline, WatchBadges } from './PanelParts';

interface SectionProps {
  readonly panel: ConversationPanel;
}

export function TrendingSection({ panel }: SectionProps) {
  const s = useStrings().conversation;
  const { trending, selection } = panel;
  return (
    <PanelSection id="trending" title={s.trending} fetchedAt={trending.fetchedAt} timeZone={selection.timeZone}>
      {trending.items.length === 0 ? (
        <p className="muted conv-empty">{s.noTrends}</p>
      ) : (
        <ul className="conv-list">
          {trending.items.map((t) => (
            <li
              key={`${t.accountId}:${t.name}`}
              className={`conv-trend${t.matchesSelection ? ' conv-trend--mine' : ''}${t.watch?.length ? ' conv-trend--watched' : ''}`}
              data-trend={t.name}
            >
              <span className="conv-trend__name">
                {t.url ? (
                  <a href={t.url} target="_blank" rel="noreferrer noopener">
                    {t.kind === 'tag' ? `#${t.name}` : t.name}
                  </a>
                ) : t.kind === 'tag' ? (
                  `#${t.name}`
                ) : (
                  t.name
                )}
              </span>
              <span className="conv-trend__platform muted">{s.platform[t.platform]}</span>
              <Sparkline values={t.history} />
              {t.matchesSelection ? <span className="pill pill--ok">{s.matchesPost}</span> : null}
              {t.verdict?.busier ? (
                <span className="pill pill--warn" title={t.verdict.ratio === null ? undefined : s.busierHint(t.verdict.ratio)}>
                  {s.busier}
                </span>
              ) : null}
              <WatchBadges matches={t.watch} />
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  );
}

export function WordsSection({ panel }: SectionProps) {
  const s = useStrings().conversation;
  const { words, selection } = panel;
  return (
    // Without any network to ask, the terms still show (and whether they are on the watchlist), with no "as of".
    <PanelSection id="words" title={s.words} fetchedAt={panel.sources.length ? words.fetchedAt : undefined} timeZone={selection.timeZone}>
      {words.items.length === 0 ? (
        <p className="muted conv-empty">{s.noWords}</p>
      ) : (
        <ul className="conv-list">
          {words.items.map((w) => {
            const best = w.volumes.reduce<(typeof w.volumes)[number] | null>(
              (top, v) => (top === null || v.verdict.current > top.verdict.current ? v : top),
              null,
            );
            return (
              <li key={w.term} className={`conv-term${w.busier ? ' conv-term--busier' : ''}`} data-term={w.term}>
                <div className="conv-term__head">
                  <span className="conv-term__name">{w.kind === 'hashtag' ? `#${w.term}` : w.term}</span>
                  <span className="muted">{s.termKind[w.kind]}</span>
                  <WatchBadges matches={w.watch} />
                  {best ? (
                    <span className="conv-term__volume">
                      {s.perHour(best.verdict.current)} · {s.usual(best.verdict.usual)}
                    </span>
                  ) : null}
                  {w.busier ? <span className="pill pill--warn">{s.busier}</span> : null}
                </div>
                {w.nearWatch?.length ? (
                  <p className="conv-term__near">
                    {s.nearWatch} <WatchBadges matches={w.nearWatch} />
                  </p>
                ) : null}
                {w.hits.length === 0 ? (
                  w.fetchedAt === null ? null : (
                    <p className="muted">{s.noHits}</p>
                  )
                ) : (
                  <ul className="conv-posts">
                    {w.hits.map((h) => (
                      <SignalPostItem key={`${h.accountId}:${h.id}`} post={h} timeZone={selection.timeZone} />
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </PanelSection>
  );
}

export function MentionsSection({ panel }: SectionProps) {
  const s = useStrings().conversation;
  const { mentions, selection } = panel;
  return (
    <PanelSection
      id="mentions"
      title={s.mentions}
      fetchedAt={mentions.fetchedAt}
      timeZone={selection.timeZone}
      aside={mentions.unanswered > 0 ? <span className="pill pill--warn">{s.unanswered(mentions.unanswered)}</span> : null}
    >
      {mentions.items.length === 0 ? (
        <p className="muted conv-empty">{s.noMentions}</p>
      ) : (
        <ul className="conv-posts">
          {mentions.items.map((m) => (
            <SignalPostItem
              key={`${m.accountId}:${m.id}`}
              post={m}
              timeZone={selection.timeZone}
              highlight={m.answered === false}
              badges={
                <>
                  {m.answered === false ? <span className="pill pill--warn">{s.unansweredTag}</span> : null}
                  <WatchBadges matches={m.watch} />
                </>
              }
            />
          ))}
        </ul>
      )}
    </PanelSection>
  );
}

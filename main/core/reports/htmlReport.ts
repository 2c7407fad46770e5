// The leadership report as one self-contained HTML file: inline styles and SVG charts, each with a text alternative.

import type { PostPerformance } from '../../../shared/analytics';
import { barsOf, heatLevel } from '../../../shared/chartGeometry';
import { headlineCards, heatmapAlt, overTimeAlt, type ReportModel, whenOf } from './reportModel';
import { formatNumber } from './reportText';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const link = (url: string | null, text: string) => (url && /^https?:\/\//.test(url) ? `<a href="${esc(url)}">${esc(text)}</a>` : esc(text));

function overTimeSvg(m: ReportModel): string {
  const bars = barsOf(
    m.view.overTime.map((p) => p.engagements),
    640,
    160,
  );
  const alt = overTimeAlt(m);
  return `<figure><svg role="img" aria-labelledby="ot-t ot-d" viewBox="0 0 640 170" width="100%"><title id="ot-t">${esc(m.words.overTime)}</title><desc id="ot-d">${esc(alt)}</desc>${bars
    .map(
      (b) =>
        `<rect class="bar" x="${b.x.toFixed(1)}" y="${b.y.toFixed(1)}" width="${b.width.toFixed(1)}" height="${b.height.toFixed(1)}"/>`,
    )
    .join('')}<line class="axis" x1="0" y1="160.5" x2="640" y2="160.5"/></svg><figcaption>${esc(alt)}</figcaption></figure>`;
}

function heatmapSvg(m: ReportModel): string {
  const max = Math.max(0, ...m.view.heatmap.flat());
  const alt = heatmapAlt(m);
  const cells = m.view.heatmap
    .map((row, wd) =>
      row
        .map(
          (v, h) =>
            `<rect class="heat${heatLevel(v, max)}" x="${40 + h * 25}" y="${wd * 20}" width="23" height="18"><title>${v}</title></rect>`,
        )
        .join(''),
    )
    .join('');
  const labels = m.words.weekdays.map((d, i) => `<text x="0" y="${i * 20 + 13}">${esc(d)}</text>`).join('');
  return `<figure><svg role="img" aria-labelledby="hm-t hm-d" viewBox="0 0 640 150" width="100%"><title id="hm-t">${esc(m.words.heatmap)}</title><desc id="hm-d">${esc(alt)}</desc>${labels}${cells}</svg><figcaption>${esc(alt)}</figcaption></figure>`;
}

function postItem(m: ReportModel, p: PostPerformance): string {
  const ctx = m.contextLines.get(p.targetId) ?? [];
  const ratio = p.vsMedian === null ? '' : ` · ${esc(m.words.vsMedian(`${formatNumber(p.vsMedian, m.locale)}×`))}`;
  return `<li><p class="post">${link(p.url, p.excerpt)}</p><p class="meta">${esc(p.accountName)} · ${esc(whenOf(m, p.publishedAt))} · <strong>${formatNumber(p.engagements, m.locale)}</strong> ${esc(m.words.engagements)}${ratio}${p.deleted ? ` · ${esc(m.words.deleted)}` : ''}</p>${ctx.length ? `<ul class="ctx">${ctx.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>` : ''}</li>`;
}

export function reportHtml(m: ReportModel): string {
  const w = m.words;
  const v = m.view;
  const cards = headlineCards(m)
    .map(
      (c) =>
        `<div class="card"><div class="label">${esc(c.label)}</div><div class="value">${esc(c.value)}</div><div class="change">${esc(c.change)}</div></div>`,
    )
    .join('');
  const list = (items: readonly string[]) => (items.length ? `<ul>${items.join('')}</ul>` : `<p>${esc(w.none)}</p>`);
  const audienceItem = (a: { url: string | null; author: string; text: string }) => `<li>${link(a.url, a.author)}: ${esc(a.text)}</li>`;
  const sources = [...new Set(v.networks.map((n) => n.source))].map((s) => `<li>${esc(w.source[s])}</li>`);
  if (v.withoutNumbers.length) sources.push(`<li>${esc(w.noNumbers(v.withoutNumbers.map((a) => a.name).join(', ')))}</li>`);
  return `<!doctype html>
<html lang="${m.locale}"><head><meta charset="utf-8"><title>${esc(w.title)} ${esc(v.period.from)} – ${esc(v.period.to)}</title>
<style>
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b6470;--bg:#fff;--card:#f3f5f8;--bar:#3b6fd8;--h0:#eef1f5;--h1:#cfdcf7;--h2:#9fbaf0;--h3:#6d95e6;--h4:#3b6fd8}
@media (prefers-color-scheme:dark){:root{--fg:#e8ebef;--muted:#a4adb8;--bg:#15181c;--card:#22272e;--bar:#7ea6ff;--h0:#262b33;--h1:#2f4670;--h2:#3f5f9c;--h3:#5b82cf;--h4:#7ea6ff}}
body{font:15px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:760px;margin:2rem auto;padding:0 1rem}
h1{margin-bottom:.2rem}.muted,.meta,.change,figcaption{color:var(--muted);font-size:.9em}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:.6rem}.card{background:var(--card);border-radius:8px;padding:.7rem}
.value{font-size:1.6em;font-weight:700}.bar{fill:var(--bar)}.axis{stroke:var(--muted)}svg text{fill:var(--fg);font-size:11px}
.heat0{fill:var(--h0)}.heat1{fill:var(--h1)}.heat2{fill:var(--h2)}.heat3{fill:var(--h3)}.heat4{fill:var(--h4)}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .4rem;border-bottom:1px solid var(--card)}
.post{margin:.2rem 0 0}.ctx{margin:.1rem 0 .4rem;color:var(--muted);font-size:.9em}a{color:var(--bar)}
</style></head><body>
<h1>${esc(w.title)}</h1><p class="muted">${esc(w.period(v.period.from, v.period.to, v.period.timeZone))}</p>
<section class="cards" aria-label="${esc(w.title)}">${cards}</section>
<h2>${esc(w.overTime)}</h2>${overTimeSvg(m)}
<h2>${esc(w.networks)}</h2><table><thead><tr><th></th><th>${esc(w.headline.posts)}</th><th>${esc(w.columns.likes)}</th><th>${esc(w.columns.reposts)}</th><th>${esc(w.columns.replies)}</th><th>${esc(w.columns.quotes)}</th><th>${esc(w.headline.engagements)}</th></tr></thead><tbody>${v.networks
    .map(
      (n) =>
        `<tr><th>${esc(n.platform)}</th><td>${n.posts}</td><td>${n.likes}</td><td>${n.reposts}</td><td>${n.replies}</td><td>${n.quotes}</td><td>${n.engagements}</td></tr>`,
    )
    .join('')}</tbody></table>
<h2>${esc(w.heatmap)}</h2>${heatmapSvg(m)}
<h2>${esc(w.topPosts)}</h2>${list(v.top.map((p) => postItem(m, p)))}
${v.bottom.length ? `<h2>${esc(w.bottomPosts)}</h2>${list(v.bottom.map((p) => postItem(m, p)))}` : ''}
<h2>${esc(w.audience)}</h2><p>${esc(w.audienceCount(v.audience.total))}</p>
<h3>${esc(w.words)}</h3><p>${v.audience.words.length ? v.audience.words.map((t) => `${esc(t.term)} (${t.count})`).join(', ') : esc(w.none)}</p>
<h3>${esc(w.hashtags)}</h3><p>${v.audience.hashtags.length ? v.audience.hashtags.map((t) => `#${esc(t.term)} (${t.count})`).join(', ') : esc(w.none)}</p>
<h3>${esc(w.topReplies)}</h3>${list(v.audience.topReplies.map(audienceItem))}
<h3>${esc(w.questions)}</h3>${list(v.audience.questions.map(audienceItem))}
<h2>${esc(w.moments)}</h2>${list(v.moments.map((mo) => `<li>${esc(whenOf(m, mo.at))}: ${esc(w.momentKind[mo.kind])}${mo.detail ? ` – ${esc(mo.detail)}` : ''}</li>`))}
<h2>${esc(w.observances)}</h2>${list(v.observancesAhead.map((o) => `<li>${esc(o.date)}: ${esc(o.name)}</li>`))}
<h2>${esc(w.sources)}</h2>${list(sources)}
<p class="muted">${esc(w.generated(whenOf(m, m.generatedAt)))}</p>
</body></html>
`;
}

// The leadership report as PDF, drawn with pdfkit (pure JavaScript): the same model as the HTML report, vector charts.

import PDFDocument from 'pdfkit';
import type { PostPerformance } from '../../../shared/analytics';
import { barsOf, heatLevel } from '../../../shared/chartGeometry';
import { headlineCards, heatmapAlt, overTimeAlt, type ReportModel, whenOf } from './reportModel';
import { formatNumber } from './reportText';

const INK = '#1b1f24';
const MUTED = '#5b6470';
const CARD = '#f0f3f7';
const BAR = '#3b6fd8';
const HEAT = ['#eef1f5', '#cfdcf7', '#9fbaf0', '#6d95e6', '#3b6fd8'];
const MARGIN = 48;

/**
 * The built-in PDF fonts cover Windows-1252 (Latin, with accented Italian letters, dashes, quotes and €).
 * Anything else (emoji, other scripts) is shown as "?" rather than as a wrong glyph.
 */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function pdfSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    out += (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || CP1252_EXTRA.has(ch) ? ch : c === 0x0a ? ' ' : c === 0x2212 ? '-' : '?';
  }
  return out;
}

export function reportPdf(m: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${m.words.title} ${m.view.period.from} – ${m.view.period.to}`, Creator: 'Kairos' },
    lang: m.locale,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, m);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function width(doc: Doc): number {
  return doc.page.width - MARGIN * 2;
}

function ensure(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensure(doc, 60);
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor(INK).text(pdfSafe(text), MARGIN);
  doc.moveDown(0.3);
}

function para(doc: Doc, text: string, options: { color?: string; size?: number; link?: string | null } = {}): void {
  doc
    .font('Helvetica')
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? INK)
    .text(pdfSafe(text), MARGIN, doc.y, { width: width(doc), ...(options.link ? { link: options.link, underline: false } : {}) });
}

function draw(doc: Doc, m: ReportModel): void {
  const w = m.words;
  const v = m.view;
  doc.font('Helvetica-Bold').fontSize(22).fillColor(INK).text(pdfSafe(w.title), MARGIN, MARGIN);
  para(doc, w.period(v.period.from, v.period.to, v.period.timeZone), { color: MUTED, size: 11 });
  doc.moveDown(0.8);

  // Headline cards, four across.
  const cards = headlineCards(m);
  const gap = 8;
  const cw = (width(doc) - gap * 3) / 4;
  const top = doc.y;
  cards.forEach((c, i) => {
    const x = MARGIN + i * (cw + gap);
    doc.roundedRect(x, top, cw, 78, 6).fill(CARD);
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(MUTED)
      .text(pdfSafe(c.label), x + 8, top + 8, { width: cw - 16 });
    doc
      .font('Helvetica-Bold')
      .fontSize(20)
      .fillColor(INK)
      .text(pdfSafe(c.value), x + 8, top + 24, { width: cw - 16 });
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(pdfSafe(c.change), x + 8, top + 50, { width: cw - 16 });
  });
  doc.y = top + 90;

  heading(doc, w.overTime);
  ensure(doc, 150);
  const chartTop = doc.y;
  const bars = barsOf(
    v.overTime.map((p) => p.engagements),
    width(doc),
    110,
  );
  for (const b of bars) if (b.height > 0) doc.rect(MARGIN + b.x, chartTop + b.y, b.width, b.height).fill(BAR);
  doc
    .moveTo(MARGIN, chartTop + 110.5)
    .lineTo(MARGIN + width(doc), chartTop + 110.5)
    .lineWidth(0.5)
    .stroke(MUTED);
  doc.y = chartTop + 116;
  para(doc, overTimeAlt(m), { color: MUTED, size: 9 });

  heading(doc, w.networks);
  for (const n of v.networks) {
    para(
      doc,
      `${n.platform}: ${n.posts} ${w.headline.posts.toLowerCase()}, ${formatNumber(n.engagements, m.locale)} ${w.engagements} (${w.columns.likes} ${n.likes}, ${w.columns.reposts} ${n.reposts}, ${w.columns.replies} ${n.replies}, ${w.columns.quotes} ${n.quotes})`,
    );
  }
  if (v.networks.length === 0) para(doc, w.none);

  heading(doc, w.heatmap);
  ensure(doc, 170);
  const max = Math.max(0, ...v.heatmap.flat());
  const hmTop = doc.y;
  const cell = Math.min(18, (width(doc) - 34) / 24);
  v.heatmap.forEach((row, wd) => {
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(pdfSafe(w.weekdays[wd] ?? ''), MARGIN, hmTop + wd * 14 + 2, { width: 30 });
    row.forEach((value, h) => {
      doc.rect(MARGIN + 34 + h * cell, hmTop + wd * 14, cell - 2, 12).fill(HEAT[heatLevel(value, max)] as string);
    });
  });
  doc.y = hmTop + 7 * 14 + 6;
  para(doc, heatmapAlt(m), { color: MUTED, size: 9 });

  const posts = (title: string, list: readonly PostPerformance[]) => {
    heading(doc, title);
    if (list.length === 0) para(doc, w.none);
    for (const p of list) {
      ensure(doc, 70);
      para(doc, p.excerpt, { link: p.url });
      const ratio = p.vsMedian === null ? '' : ` · ${w.vsMedian(`${formatNumber(p.vsMedian, m.locale)}×`)}`;
      para(
        doc,
        `${p.accountName} · ${whenOf(m, p.publishedAt)} · ${formatNumber(p.engagements, m.locale)} ${w.engagements}${ratio}${p.deleted ? ` · ${w.deleted}` : ''}`,
        { color: MUTED, size: 9 },
      );
      for (const line of m.contextLines.get(p.targetId) ?? []) para(doc, `• ${line}`, { color: MUTED, size: 9 });
      doc.moveDown(0.4);
    }
  };
  posts(w.topPosts, v.top);
  if (v.bottom.length) posts(w.bottomPosts, v.bottom);

  heading(doc, w.audience);
  para(doc, w.audienceCount(v.audience.total));
  para(doc, `${w.words}: ${v.audience.words.map((t) => `${t.term} (${t.count})`).join(', ') || w.none}`);
  para(doc, `${w.hashtags}: ${v.audience.hashtags.map((t) => `#${t.term} (${t.count})`).join(', ') || w.none}`);
  for (const [title, items] of [
    [w.topReplies, v.audience.topReplies],
    [w.questions, v.audience.questions],
  ] as const) {
    doc.moveDown(0.4);
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(pdfSafe(title), MARGIN);
    if (items.length === 0) para(doc, w.none);
    for (const a of items) para(doc, `${a.author}: ${a.text}`, { link: a.url });
  }

  heading(doc, w.moments);
  if (v.moments.length === 0) para(doc, w.none);
  for (const mo of v.moments) para(doc, `${whenOf(m, mo.at)}: ${w.momentKind[mo.kind]}${mo.detail ? ` – ${mo.detail}` : ''}`);

  heading(doc, w.observances);
  if (v.observancesAhead.length === 0) para(doc, w.none);
  for (const o of v.observancesAhead) para(doc, `${o.date}: ${o.name}`);

  heading(doc, w.sources);
  for (const s of new Set(v.networks.map((n) => n.source))) para(doc, w.source[s]);
  if (v.withoutNumbers.length) para(doc, w.noNumbers(v.withoutNumbers.map((a) => a.name).join(', ')));
  doc.moveDown(1);
  para(doc, w.generated(whenOf(m, m.generatedAt)), { color: MUTED, size: 8 });
}

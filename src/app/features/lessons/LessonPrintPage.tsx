import { useEffect, useMemo } from 'react';
import { Link, useParams, useSearch } from 'wouter';
import { formatCommuneDate } from '../../../core/dates';
import type { LessonCard } from '../../../core/lessons/card';
import { translate, useT } from '../../i18n/i18n';
import { nowIso } from '../../state/commune-clock';
import { NotFound } from '../../ui/NotFound';
import { useLessonCard } from './use-lesson-cards';
import { useQrSvgs } from './use-qr-svgs';
import './lesson-print.css';

export const HANDOUT_SIZES = ['a5', 'a6'] as const;
export type HandoutSize = (typeof HANDOUT_SIZES)[number];

/** The handout's paper size from `?size=`; A5 (half an A4 sheet) unless A6 is asked for. */
export function handoutSize(search: string): HandoutSize {
  return new URLSearchParams(search).get('size') === 'a6' ? 'a6' : 'a5';
}

/**
 * A cited page's site ("cafef.vn"): the handout names where its facts come from in one short line;
 * the card on the phone has each source's title and link.
 */
function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * The sheet left with the resident (issue 20, part 5), in Vietnamese whatever the app's language:
 * title, numbered steps in large print, warnings, a QR code for each official link with its address
 * written out, the card's version and its sources' sites in small print, and the team's name at the foot.
 */
export function Handout({ card, size }: { card: LessonCard; size: HandoutSize }) {
  const vi = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate('vi', key, params);
  const urls = useMemo(() => card.officialLinks.map((l) => l.url), [card]);
  const qr = useQrSvgs(urls);
  return (
    <article className={`handout handout-${size}`} lang="vi" data-testid="handout">
      <h1 className="handout-title">{card.title.vi}</h1>
      <p className="handout-summary">{card.summary.vi}</p>
      <h2>{vi('lessons.handout.steps')}</h2>
      <ol className="handout-steps">
        {card.steps.map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a card's steps are fixed by position.
          <li key={i}>{step.vi}</li>
        ))}
      </ol>
      {card.warnings.length > 0 && (
        <section className="handout-warnings">
          <h2>
            <span aria-hidden="true">⚠ </span>
            {vi('lessons.handout.warnings')}
          </h2>
          <ul>
            {card.warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a card's warnings are fixed by position.
              <li key={i}>{w.vi}</li>
            ))}
          </ul>
        </section>
      )}
      {card.officialLinks.length > 0 && (
        <section className="handout-qr">
          <p className="handout-scan">{vi('lessons.handout.scan')}</p>
          <div className="handout-qr-grid">
            {card.officialLinks.map((link) => {
              const svg = qr?.get(link.url);
              return (
                <figure key={link.url} className="handout-qr-item">
                  {svg ? (
                    <div
                      className="handout-qr-code"
                      role="img"
                      aria-label={vi('lessons.handout.qr', { label: link.label.vi })}
                      data-testid="qr-code"
                      // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made here by uqr from a checked official URL (no script, no text).
                      dangerouslySetInnerHTML={{ __html: svg }}
                    />
                  ) : (
                    <div className="handout-qr-code is-loading" />
                  )}
                  <figcaption>
                    <strong>{link.label.vi}</strong>
                    <span className="handout-url">{link.url}</span>
                  </figcaption>
                </figure>
              );
            })}
          </div>
        </section>
      )}
      <footer className="handout-foot">
        <p className="handout-small">
          {vi('lessons.handout.version', {
            key: card.key,
            version: String(card.version),
            day: formatCommuneDate(nowIso()),
          })}{' '}
          {vi('lessons.handout.sources')} {[...new Set(card.sources.map((s) => siteOf(s.url)))].join('; ')}.
        </p>
        <p className="handout-team">{vi('lessons.handout.team')}</p>
      </footer>
    </article>
  );
}

/**
 * `/lessons/:key/print?size=a5|a6`: the handout previewed as a sheet, a paper size switch and
 * "In tờ hướng dẫn" (the browser's print; the page's size comes from lesson-print.css).
 */
export default function LessonPrintPage() {
  const t = useT();
  const { key = '' } = useParams<{ key: string }>();
  const size = handoutSize(useSearch());
  const card = useLessonCard(key);
  // Tells the print stylesheet to leave the app's chrome off the paper (lesson-print.css).
  useEffect(() => {
    document.body.classList.add('handout-open');
    return () => document.body.classList.remove('handout-open');
  }, []);
  if (card === undefined) return <p>{t('app.loading')}</p>;
  if (card === null)
    return <NotFound backHref="/lessons" message="lessons.notFound" backLabel="lessons.back" />;
  const base = `/lessons/${card.key}/print`;
  return (
    <section className="lesson-print">
      <div className="no-print lesson-print-bar">
        <Link href={`/lessons/${card.key}`} className="back-link">
          ← {t('lessons.print.back')}
        </Link>
        <h1>{t('lessons.print.title', { title: card.title.vi })}</h1>
        <nav className="lesson-print-sizes" aria-label={t('lessons.print.size')}>
          {HANDOUT_SIZES.map((s) => (
            <Link
              key={s}
              href={`${base}?size=${s}`}
              replace
              className={s === size ? 'button primary' : 'button'}
              aria-current={s === size ? 'page' : undefined}
            >
              {t(`lessons.print.${s}`)}
            </Link>
          ))}
        </nav>
        <button type="button" className="button primary wide" onClick={() => window.print()}>
          {t('lessons.print.button')}
        </button>
        <p className="hint">{t('lessons.print.hint')}</p>
      </div>
      <Handout card={card} size={size} />
    </section>
  );
}

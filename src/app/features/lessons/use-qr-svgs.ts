import { useMemo } from 'react';
import { renderSVG } from 'uqr';

/**
 * QR codes as SVG text, one per URL, made on the phone by uqr. uqr is part of the handout page's own
 * chunk (never first-load code; offline it comes from the service worker's precache): loaded apart,
 * its chunk made the bundler split shared helpers out of the first load (+600 B gzip).
 *
 * Error correction M (15 %) survives a smudged or folded handout; the quiet zone is the standard's
 * 4 modules, so a cheap camera finds the code even next to printed text.
 */
export function useQrSvgs(urls: readonly string[]): ReadonlyMap<string, string> {
  const key = urls.join('\n');
  return useMemo(() => {
    const list = key === '' ? [] : key.split('\n');
    return new Map(list.map((url) => [url, renderSVG(url, { ecc: 'M', border: 4 })]));
  }, [key]);
}

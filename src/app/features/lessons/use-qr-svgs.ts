import { useEffect, useState } from 'react';

/**
 * QR codes as SVG text, one per URL, made on the phone by uqr (loaded on first use, so it is never
 * first-load code; offline it comes from the service worker's precache). Undefined until made.
 *
 * Error correction M (15 %) survives a smudged or folded handout; the quiet zone is the standard's
 * 4 modules, so a cheap camera finds the code even next to printed text.
 */
export function useQrSvgs(urls: readonly string[]): ReadonlyMap<string, string> | undefined {
  const [svgs, setSvgs] = useState<ReadonlyMap<string, string>>();
  const key = urls.join('\n');
  useEffect(() => {
    let live = true;
    setSvgs(undefined);
    void import('uqr').then(({ renderSVG }) => {
      if (!live) return;
      const list = key === '' ? [] : key.split('\n');
      setSvgs(new Map(list.map((url) => [url, renderSVG(url, { ecc: 'M', border: 4 })])));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return svgs;
}

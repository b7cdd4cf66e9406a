import { useEffect, useState } from 'react';

/**
 * Whether an illustration's text may be put into the page as markup: an SVG document with nothing
 * that runs (no script element, no `on…=` handler, no `javascript:` link). The bundled art is ours
 * and trusted; this keeps a broken or tampered file from ever becoming code.
 */
export function isInlineSafeSvg(text: string): boolean {
  const svg = text.trim();
  return (
    /^<svg[\s>]/i.test(svg) &&
    !/<script/i.test(svg) &&
    !/\son[a-z]+\s*=/i.test(svg) &&
    !/javascript:/i.test(svg) &&
    !/<foreignObject/i.test(svg)
  );
}

/**
 * A card's original illustration (src/content/lessons/art/<name>.svg), loaded with its own small
 * chunk and inlined, so it scales with the text and prints sharp. Nothing shows while it loads, when
 * the card names none, or when the file is not a safe SVG.
 */
export function CardIllustration({ name, label }: { name: string | undefined; label: string }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let live = true;
    setSvg(undefined);
    if (!name) return;
    void import('../../../content/lessons')
      .then(({ illustrationSvg }) => illustrationSvg(name))
      .then((text) => {
        if (live && text && isInlineSafeSvg(text)) setSvg(text.trim());
      });
    return () => {
      live = false;
    };
  }, [name]);
  if (!svg) return null;
  return (
    <figure className="lesson-figure">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: bundled original art, checked by isInlineSafeSvg. */}
      <div role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

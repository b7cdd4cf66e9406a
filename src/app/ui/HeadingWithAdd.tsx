import { Link } from 'wouter';

/**
 * A list screen's title with its "+ Thêm …" button beside it (below it when the text is large). The
 * button sits in the page, not floating over it: a floating one covered the search box at "Rất lớn"
 * and the last rows at any size (issue 15, kind 5).
 */
export function HeadingWithAdd({ title, addLabel, href }: { title: string; addLabel: string; href: string }) {
  return (
    <div className="heading-with-add">
      <h1>{title}</h1>
      <Link href={href} className="button primary">
        + {addLabel}
      </Link>
    </div>
  );
}

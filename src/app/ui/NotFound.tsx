import { Link } from 'wouter';
import { type MessageKey, useT } from '../i18n/i18n';

/** A record that is gone (deleted here or on another phone), with the way back. */
export function NotFound({
  backHref,
  message = 'app.notFound',
  backLabel = 'app.back',
}: {
  backHref: string;
  message?: MessageKey;
  backLabel?: MessageKey;
}) {
  const t = useT();
  return (
    <section>
      <p>{t(message)}</p>
      <Link href={backHref} className="button">
        {t(backLabel)}
      </Link>
    </section>
  );
}

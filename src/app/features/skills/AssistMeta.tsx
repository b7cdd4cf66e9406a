import type { AssistLike } from '../../../core/skills/status';
import { useT } from '../../i18n/i18n';
import { formatDay } from './skill-data';

/** "25/11/2026 · Tận mắt thấy · Tổ viên Hà": when, how it is known and by whom. */
export function AssistMeta({ assist }: { assist: AssistLike }) {
  const t = useT();
  return (
    <span className="item-meta">
      {[formatDay(assist.on), t(`assist.how.${assist.howKnown}`), assist.by].filter(Boolean).join(' · ')}
    </span>
  );
}

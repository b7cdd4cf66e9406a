import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { LessonCard } from '../../../core/lessons/card';
import { Bilingual } from './Bilingual';

/** A card as one big row to tap: its title (with any badges) and its summary. */
export function CardLink({ card, href, badges }: { card: LessonCard; href: string; badges?: ReactNode }) {
  return (
    <Link href={href} className="list-item">
      <span className="item-title">
        <Bilingual text={card.title} />
        {badges}
      </span>
      <span className="item-meta">
        <Bilingual text={card.summary} />
      </span>
    </Link>
  );
}

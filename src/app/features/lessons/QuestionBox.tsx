import { useEffect, useId, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { LessonCard } from '../../../core/lessons/card';
import type { QuestionBox as Box } from '../../../core/lessons/question-box';
import { useT } from '../../i18n/i18n';
import { CardLink } from './CardLink';

/** Builds the box over the visible cards, with the bundled synonyms (loaded with it, not first). */
function useQuestionBox(cards: readonly LessonCard[]): Box | undefined {
  const [box, setBox] = useState<Box>();
  useEffect(() => {
    let live = true;
    void Promise.all([
      import('../../../core/lessons/question-box'),
      import('../../../content/lessons/synonyms'),
    ]).then(([{ createQuestionBox }, { BUNDLED_SYNONYMS }]) => {
      if (live) setBox(createQuestionBox(cards, BUNDLED_SYNONYMS));
    });
    return () => {
      live = false;
    };
  }, [cards]);
  return box;
}

/**
 * "Hỏi nhanh" (issue 20, part 3): a few words typed the way people ask, marks or not ("cai vneid",
 * "lua dao qua dien thoai"), answered offline with the three best cards (core/lessons/question-box.ts).
 * `link` makes each answer's address (the card opened for a resident keeps them).
 */
export function QuestionBox({
  cards,
  link = (key) => `/lessons/${key}`,
}: {
  cards: readonly LessonCard[];
  link?: (key: string) => string;
}) {
  const t = useT();
  const id = useId();
  // The question lives in the address (?q=): Back from a card it opened finds it still typed.
  const [path, navigate] = useLocation();
  const question = new URLSearchParams(useSearch()).get('q') ?? '';
  const setQuestion = (text: string) =>
    navigate(text === '' ? path : `${path}?q=${encodeURIComponent(text)}`, { replace: true });
  const box = useQuestionBox(cards);
  const byKey = useMemo(() => new Map(cards.map((c) => [c.key, c])), [cards]);
  const answers = useMemo(() => (box && question.trim() !== '' ? box.ask(question, 3) : []), [box, question]);
  return (
    <search className="question-box" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="question-label">
        {t('ask.label')}
      </label>
      <input
        id={id}
        type="search"
        value={question}
        placeholder={t('ask.placeholder')}
        autoComplete="off"
        enterKeyHint="search"
        onChange={(e) => setQuestion(e.target.value)}
      />
      {question.trim() !== '' && (
        <div aria-live="polite" data-testid="ask-answers">
          {!box ? (
            <p className="hint">{t('app.loading')}</p>
          ) : answers.length === 0 ? (
            <p className="empty">{t('ask.none')}</p>
          ) : (
            <ol className="list ask-answers">
              {answers.map(({ key }) => {
                const card = byKey.get(key);
                if (!card) return null;
                return (
                  <li key={key}>
                    <CardLink card={card} href={link(key)} />
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      )}
    </search>
  );
}

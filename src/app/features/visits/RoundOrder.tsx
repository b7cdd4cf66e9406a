import { useEffect, useRef, useState } from 'react';
import type { LaneGroup } from '../../../core/round-planner';
import { moved, moveHouse } from '../../../core/walk-order';
import { householdRepository } from '../../db/household-repository';
import { villageRepository } from '../../db/village-repository';
import { useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { useUndoToast } from '../../state/undo-toast';
import { saveFailedMessage } from '../../ui/use-save-form';
import type { RoundView } from './use-round';

interface Props {
  villageId: string;
  round: RoundView;
  onDone: () => void;
}

type Move = (from: number, to: number) => Promise<void>;
type Direction = 'up' | 'down';

/**
 * "Sắp xếp thứ tự đi" (issue 15, kind 3): the village's lanes, and the houses of a lane, in the order
 * the team walks them, moved with large ↑ ↓ buttons (dragging is hard with one thumb). Each tap saves
 * at once — the lane order on the village, a house's place on the household, both synced — with undo.
 */
export function RoundOrder({ villageId, round, onDone }: Props) {
  const t = useT();
  const showUndo = useUndoToast();
  const showToast = useToast((s) => s.show);
  const heading = useRef<HTMLHeadingElement>(null);
  const [open, setOpen] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // The button just tapped, found again after its row moved: React may re-insert the row, losing
  // focus; at the top or bottom the other arrow of the row takes it.
  const [refocus, setRefocus] = useState<{ key: string; direction: Direction } | undefined>();
  const lanes = round.village;
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (refocus === undefined || lanes.length === 0) return;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-move]')];
    const find = (direction: Direction) =>
      buttons.find((b) => b.dataset.move === `${refocus.key}:${direction}` && !b.disabled);
    const button = find(refocus.direction) ?? find(refocus.direction === 'up' ? 'down' : 'up');
    const active = document.activeElement;
    const lost = !active || active === document.body || (active as HTMLButtonElement).disabled === true;
    if (button && lost) button.focus({ preventScroll: true });
  }, [refocus, lanes]);

  const laneName = (group: LaneGroup) => group.lane || t('households.noLane');

  async function run(
    name: string,
    focus: { key: string; direction: Direction },
    write: () => Promise<() => Promise<unknown>>,
  ) {
    if (busy) return;
    setBusy(true);
    try {
      const undo = await write();
      setRefocus(focus);
      showUndo({ message: t('round.orderSaved', { name }), undo, undone: t('round.orderUndone') });
    } catch (error) {
      showToast({ message: saveFailedMessage(t, error) });
    }
    setBusy(false);
  }

  const moveLane: Move = async (from, to) => {
    const group = lanes[from];
    if (!group) return;
    await run(
      laneName(group),
      { key: `lane:${group.key}`, direction: to < from ? 'up' : 'down' },
      async () => {
        const order = moved(
          lanes.map((g) => g.lane),
          from,
          to,
        );
        const before = await villageRepository.setLaneOrder(villageId, order);
        return () => villageRepository.setLaneOrder(villageId, before);
      },
    );
  };

  const moveHouseIn =
    (group: LaneGroup): Move =>
    async (from, to) => {
      const house = group.entries[from]?.household;
      if (!house) return;
      await run(house.label, { key: `house:${house.id}`, direction: to < from ? 'up' : 'down' }, async () => {
        const places = moveHouse(
          group.entries.map((e) => e.household),
          from,
          to,
        );
        const before = await householdRepository.setWalkOrders(places);
        return () => householdRepository.setWalkOrders(before);
      });
    };

  return (
    <div className="round-arrange">
      <h2 ref={heading} tabIndex={-1}>
        {t('round.arrangeTitle')}
      </h2>
      <p className="hint">{t('round.arrangeHint')}</p>
      <ol className="round-order" data-testid="round-order">
        {lanes.map((group, index) => {
          const name = laneName(group);
          const expanded = open === group.key;
          return (
            <li key={group.key} className="order-lane">
              <OrderRow
                name={name}
                detail={t('round.laneCount', { count: group.entries.length })}
                moveKey={`lane:${group.key}`}
                index={index}
                count={lanes.length}
                busy={busy}
                move={moveLane}
              />
              <button
                type="button"
                className="button small order-open"
                aria-expanded={expanded}
                onClick={() => setOpen(expanded ? undefined : group.key)}
              >
                {t('round.arrangeHouses', { lane: name })}
              </button>
              {expanded && (
                <ol className="round-order order-houses" aria-label={name}>
                  {group.entries.map((entry, i) => (
                    <li key={entry.household.id}>
                      <OrderRow
                        name={entry.household.label}
                        detail={entry.household.address}
                        moveKey={`house:${entry.household.id}`}
                        index={i}
                        count={group.entries.length}
                        busy={busy}
                        move={moveHouseIn(group)}
                      />
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="button primary wide" onClick={onDone}>
        {t('round.arrangeDone')}
      </button>
    </div>
  );
}

interface RowProps {
  name: string;
  detail?: string | undefined;
  /** Names the row's buttons (`<key>:up`, `<key>:down`) so focus can find them after a move. */
  moveKey: string;
  index: number;
  count: number;
  busy: boolean;
  move: Move;
}

/** One lane or house: its place, name, and ↑ ↓ (each at least 48 px, named in words for readers). */
function OrderRow({ name, detail, moveKey, index, count, busy, move }: RowProps) {
  const t = useT();
  return (
    <div className="order-row">
      <span className="order-name">
        <span className="item-title">
          {index + 1}. {name}
        </span>
        {detail && <span className="item-meta"> · {detail}</span>}
      </span>
      {(['up', 'down'] as const).map((direction) => {
        const to = direction === 'up' ? index - 1 : index + 1;
        return (
          <button
            key={direction}
            type="button"
            className="button order-move"
            data-move={`${moveKey}:${direction}`}
            aria-label={t(direction === 'up' ? 'round.moveUp' : 'round.moveDown', { name })}
            disabled={busy || to < 0 || to >= count}
            onClick={() => void move(index, to)}
          >
            {direction === 'up' ? '↑' : '↓'}
          </button>
        );
      })}
    </div>
  );
}

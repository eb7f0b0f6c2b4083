import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { setupActions } from './actions';
import { useSetup } from './setup-store';
import './tour.css';

/** The tour's stops: what each explains and the element it points at. */
export const TOUR_STEPS = [
  { key: 'inbox', anchor: '.sidebar' },
  { key: 'conversation', anchor: '.workspace__main' },
  { key: 'phone', anchor: '[data-testid="sim-panel"]' },
  { key: 'newCustomer', anchor: '[data-testid="new-customer"]' },
  { key: 'settings', anchor: '[data-testid="settings-open"]' },
] as const;

const CARD_W = 340;

/**
 * A short tour of the counter screen after "Demo starten": one card per
 * stop, placed next to what it explains. Skipping or finishing stores the
 * dismissal in main, so it never returns.
 */
export function Tour() {
  const { t } = useTranslation();
  const step = useSetup((s) => s.tourStep);
  const cardRef = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number; ring: DOMRect | null }>({ top: 80, left: 80, ring: null });
  const stop = step === null ? null : TOUR_STEPS[step];

  useLayoutEffect(() => {
    if (!stop) return;
    const place = () => {
      const el = document.querySelector(stop.anchor);
      const r = el?.getBoundingClientRect() ?? null;
      const h = cardRef.current?.offsetHeight ?? 160;
      if (!r) {
        setPos({ top: 80, left: (window.innerWidth - CARD_W) / 2, ring: null });
        return;
      }
      // Beside the element when there is room, else below it; always inside the window.
      let left = r.right + 16 + CARD_W < window.innerWidth ? r.right + 16 : r.left - 16 - CARD_W;
      let top = r.top + 16;
      if (left < 8) {
        left = Math.min(Math.max(8, r.left), window.innerWidth - CARD_W - 8);
        top = r.bottom + 12;
      }
      top = Math.min(Math.max(8, top), window.innerHeight - h - 8);
      setPos({ top, left, ring: r });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [stop]);

  useEffect(() => {
    cardRef.current?.querySelector<HTMLButtonElement>('[data-autofocus]')?.focus();
    if (step === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void setupActions.dismissTour();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  if (step === null || !stop) return null;
  const last = step === TOUR_STEPS.length - 1;
  return (
    <>
      {pos.ring && (
        <div
          className="tour-ring"
          aria-hidden="true"
          style={{ top: pos.ring.top - 4, left: pos.ring.left - 4, width: pos.ring.width + 8, height: pos.ring.height + 8 }}
        />
      )}
      <div
        ref={cardRef}
        className="tour-card"
        role="dialog"
        aria-modal="false"
        aria-labelledby="tour-title"
        data-testid="tour"
        data-step={stop.key}
        style={{ top: pos.top, left: pos.left, width: CARD_W }}
      >
        <p className="tour-card__count" id="tour-title">
          {t('setup.tour.label')} · {t('setup.tour.counter', { n: step + 1, count: TOUR_STEPS.length })}
        </p>
        <p className="tour-card__text">{t(`setup.tour.${stop.key}`)}</p>
        <div className="tour-card__actions">
          <button type="button" className="btn btn--ghost" data-testid="tour-skip" onClick={() => void setupActions.dismissTour()}>
            {t('setup.tour.skip')}
          </button>
          <button type="button" className="btn btn--primary" data-testid="tour-next" data-autofocus onClick={() => setupActions.tourNext(TOUR_STEPS.length)}>
            {last ? t('setup.tour.finish') : t('setup.tour.next')}
          </button>
        </div>
      </div>
    </>
  );
}

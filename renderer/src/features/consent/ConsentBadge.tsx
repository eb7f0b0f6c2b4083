import type { TFunction } from 'i18next';
import { useTranslation } from '../../i18n/use-translation';
import type { ConsentEventView, ConsentSummary } from '@contract';
import { consentBadge, formatDateTime } from '../../lib/format';
import type { ConsentBadgeKind } from '../../lib/format';
import { howText, latestEvent } from './consent-ui';
import './consent-badge.css';

/** A symbol as well as a colour, so the state never rests on colour alone. */
const ICON: Record<ConsentBadgeKind, string> = {
  none: '○',
  requested: '◔',
  service: '✓',
  serviceMarketing: '✓+',
  revoked: '✕',
  expired: '⌛',
};

const TITLE_KEY: Record<ConsentBadgeKind, string> = {
  none: 'consent.titleNone',
  requested: 'consent.titleRequested',
  service: 'consent.titleService',
  serviceMarketing: 'consent.titleServiceMarketing',
  revoked: 'consent.titleRevoked',
  expired: 'consent.titleExpired',
};

/**
 * The tooltip: when (from the summary) and, once the proof is loaded, how
 * each purpose got its current state.
 */
export function badgeTitle(
  t: TFunction,
  locale: string,
  consent: ConsentSummary,
  events: readonly ConsentEventView[] | null | undefined,
  clickable: boolean,
): string {
  const badge = consentBadge(consent);
  const unknown = t('consent.unknownDate');
  const lines = [
    t(TITLE_KEY[badge.kind], {
      since: formatDateTime(badge.since, locale) ?? unknown,
      marketingSince: formatDateTime(badge.marketingSince, locale) ?? unknown,
    }),
  ];
  if (events) {
    for (const purpose of ['service', 'marketing'] as const) {
      const how = howText(latestEvent(events, purpose));
      if (!how) continue;
      lines.push(
        t('consentUi.badgeHow', {
          purpose: t(`consentUi.purpose.${purpose}`),
          how: t(how.key, { ref: how.ref ?? '' }),
        }),
      );
    }
  }
  if (clickable) lines.push(t('consentUi.badgeMore'));
  return lines.join('\n');
}

/**
 * Consent state of a contact: none, pending (requested), service,
 * service + marketing, revoked, expired. Clickable where it opens the proof.
 */
export function ConsentBadge({
  consent,
  events,
  size = 'small',
  onClick,
}: {
  consent: ConsentSummary;
  events?: readonly ConsentEventView[] | null;
  size?: 'small' | 'large';
  onClick?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const badge = consentBadge(consent);
  const title = badgeTitle(t, i18n.language, consent, events, !!onClick);
  const content = (
    <>
      <span className="badge__icon" aria-hidden="true">
        {ICON[badge.kind]}
      </span>
      {t(`consent.${badge.kind}`)}
    </>
  );
  const className = `badge badge--${badge.kind} badge--${size}`;
  if (onClick) {
    return (
      <button
        type="button"
        className={`${className} badge--button`}
        data-testid="consent-badge"
        data-kind={badge.kind}
        title={title}
        onClick={onClick}
      >
        {content}
      </button>
    );
  }
  return (
    <span className={className} data-testid="consent-badge" data-kind={badge.kind} title={title}>
      {content}
    </span>
  );
}

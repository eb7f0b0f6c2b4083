import { useTranslation } from '../../i18n/use-translation';
import type { ConsentEventView } from '@contract';
import { formatDateTime } from '../../lib/format';
import { newestFirst, shortHash, triggerText } from './consent-ui';

/** The proof as a timeline, newest first. Read-only: nothing here changes consent. */
export function ConsentHistoryList({ events }: { events: readonly ConsentEventView[] }) {
  const { t, i18n } = useTranslation();
  if (events.length === 0) {
    return (
      <p className="consent-history__empty" data-testid="consent-history-empty">
        {t('consentUi.history.empty')}
      </p>
    );
  }
  return (
    <ol className="consent-history" data-testid="consent-history">
      {newestFirst(events).map((e) => {
        const trigger = triggerText(e);
        return (
          <li
            key={e.id}
            className={`consent-event consent-event--${e.to}`}
            data-testid="consent-event"
            data-purpose={e.purpose}
            data-to={e.to}
          >
            <div className="consent-event__head">
              <span className={`consent-event__purpose consent-event__purpose--${e.purpose}`}>
                {t(`consentUi.purpose.${e.purpose}`)}
              </span>
              <span className="consent-event__change">
                {t(`consentUi.state.${e.from}`)}
                <span className="consent-event__arrow" aria-label={t('consentUi.history.to')}>
                  →
                </span>
                <strong>{t(`consentUi.state.${e.to}`)}</strong>
              </span>
              <time className="consent-event__time" dateTime={e.at}>
                {formatDateTime(e.at, i18n.language) ?? e.at}
              </time>
            </div>
            <dl className="consent-event__facts">
              <dt>{t('consentUi.history.trigger')}</dt>
              <dd data-testid="consent-event-trigger">
                {t(trigger.key, { ref: trigger.ref ?? '' })}
                {e.to === 'granted' && (
                  <span className={`consent-event__origin consent-event__origin--${e.trigger.kind}`} data-testid="consent-event-origin">
                    {' · '}
                    {e.trigger.kind === 'import' ? t('consentUi.words.imported') : t('consentUi.words.confirmed')}
                  </span>
                )}
              </dd>
              {e.words && (
                <>
                  <dt>{t('consentUi.words.customer')}</dt>
                  <dd className="consent-event__words" data-testid="consent-event-words">
                    „{e.words}“
                  </dd>
                </>
              )}
              {e.trigger.kind === 'staff' && e.method && (
                <>
                  <dt>{t('consentUi.words.method')}</dt>
                  <dd data-testid="consent-event-method">{t(`consentUi.words.methods.${e.method}`)}</dd>
                </>
              )}
              {e.actorName && (
                <>
                  <dt>{t('consentUi.words.recordedBy')}</dt>
                  <dd data-testid="consent-event-actor">{e.actorName}</dd>
                </>
              )}
              {e.occurredAt && (
                <>
                  <dt>{t('consentUi.words.occurredAt')}</dt>
                  <dd>{formatDateTime(e.occurredAt, i18n.language) ?? e.occurredAt}</dd>
                </>
              )}
              {e.note && (
                <>
                  <dt>{t('consentUi.words.note')}</dt>
                  <dd className="consent-event__words" data-testid="consent-event-note">
                    {e.note}
                  </dd>
                </>
              )}
              {e.sentText && (
                <>
                  <dt>{t('consentUi.words.sent')}</dt>
                  <dd>
                    <details>
                      <summary>{t('consentUi.words.showSent')}</summary>
                      <pre className="consent-event__sent" data-testid="consent-event-sent">
                        {e.sentText}
                      </pre>
                    </details>
                  </dd>
                </>
              )}
              <dt>{t('consentUi.history.policy')}</dt>
              <dd title={e.policyHash ?? undefined}>
                {e.policyVersion === null
                  ? t('consentUi.history.policyNone')
                  : t('consentUi.history.policyVersion', { version: e.policyVersion })}
                {e.policyHash && <code className="consent-event__hash"> · {shortHash(e.policyHash)}</code>}
              </dd>
              <dt>{t('consentUi.history.hash')}</dt>
              <dd title={e.hash}>
                <code className="consent-event__hash">{shortHash(e.hash)}</code>
              </dd>
            </dl>
          </li>
        );
      })}
    </ol>
  );
}

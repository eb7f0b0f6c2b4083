// The wizard's last steps: linking the WhatsApp line, the poster, and the summary.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { SetupStep } from '@contract';
import type { ApiError } from '@contract/errors';
import { api } from '../../api';
import { errorText } from '../../i18n/errors';
import { useApp } from '../../store/app';
import { lineActions } from '../line/actions';
import { onboardingActions } from '../onboarding/actions';
import { useOnboarding } from '../onboarding/onboarding-store';
import { LinkScreen } from '../whatsapp/LinkScreen';
import { setupActions } from './actions';
import { useStepSave, FormError } from './wizard-form';

/** How long linking may take before the wizard says so (the way back is always there). */
const SLOW_MS = 90_000;

export function LineStep({ onSaved, onBack }: { onSaved: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const channel = useApp((s) => s.channel);
  const demo = useApp((s) => s.info?.demo ?? true);
  const [canSwitch, setCanSwitch] = useState<boolean | null>(null);
  const [slow, setSlow] = useState(false);
  const { busy, errors, run } = useStepSave(onSaved);
  useEffect(() => {
    api
      .call('line.status', {})
      .then((s) => setCanSwitch(s.canSwitch))
      .catch(() => setCanSwitch(false));
  }, []);
  const linking = !demo && channel?.kind === 'whatsapp' && channel.state !== 'connected';
  useEffect(() => {
    if (!linking) return;
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, [linking]);

  const choose = (choice: 'demo' | 'whatsapp') =>
    void run(() => ({}), () => setupActions.save({ step: 'line', choice }), () => null);

  if (!demo && channel?.kind === 'whatsapp') {
    const failed = channel.state === 'failed' || channel.state === 'logged_out';
    return (
      <div>
        <h2 className="setup-step__title">{t('setup.line.title')}</h2>
        {channel.state !== 'connected' && (failed || slow) && (
          <p className="setup-form-error" role="alert" data-testid="setup-line-trouble">
            {failed ? t('setup.line.failed') : t('setup.line.slow')}
          </p>
        )}
        <FormError errors={errors} />
        <div className="setup-actions setup-actions--start">
          <button type="button" className="btn" data-testid="setup-line-back" onClick={() => choose('demo')}>
            {t('setup.line.backToDemo')}
          </button>
          {channel.state === 'connected' && (
            <button type="button" className="btn btn--primary" data-testid="setup-next" onClick={() => choose('whatsapp')}>
              {t('setup.next')}
            </button>
          )}
        </div>
        {channel.state === 'connected' ? (
          <p className="setup-ok" role="status" data-testid="setup-line-connected">
            ✓ {t('setup.line.connected')}
          </p>
        ) : (
          <LinkScreen
            state={channel}
            onUsePairingCode={(digits) => lineActions.requestPairingCode(digits)}
            onLink={() => lineActions.switchLine('line.link')}
          />
        )}
      </div>
    );
  }

  return (
    <div>
      <h2 className="setup-step__title">{t('setup.line.title')}</h2>
      <p className="setup-step__hint">{t('setup.line.hint')}</p>
      <p className="setup-risks" data-testid="setup-line-risks">
        {t('setup.line.risks')}
      </p>
      <div className="setup-choices">
        <button type="button" className="setup-choice" data-testid="setup-line-demo" disabled={busy} onClick={() => choose('demo')}>
          <strong>{t('setup.line.demo')}</strong>
          <span>{t('setup.line.demoHint')}</span>
        </button>
        <button
          type="button"
          className="setup-choice"
          data-testid="setup-line-link"
          disabled={busy || canSwitch === false}
          aria-describedby={canSwitch === false ? 'setup-line-demo-only' : undefined}
          onClick={() => choose('whatsapp')}
        >
          <strong>{t('setup.line.link')}</strong>
          <span>{busy ? t('setup.line.linking') : t('setup.line.linkHint')}</span>
        </button>
      </div>
      {canSwitch === false && (
        <p className="setup-step__hint" id="setup-line-demo-only">
          {t('setup.line.demoOnly')}
        </p>
      )}
      <FormError errors={errors} />
      <div className="setup-actions">
        <button type="button" className="btn" onClick={onBack} data-testid="setup-back">
          {t('setup.back')}
        </button>
      </div>
    </div>
  );
}

export function PosterStep({ onSaved, onBack }: { onSaved: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const poster = useOnboarding((s) => s.poster);
  const { busy, errors, run } = useStepSave(onSaved);
  const finish = () => void run(() => ({}), () => setupActions.save({ step: 'poster' }), () => null);
  return (
    <div>
      <h2 className="setup-step__title">{t('setup.poster.title')}</h2>
      <p className="setup-step__hint">{t('setup.poster.hint')}</p>
      <div className="setup-actions setup-actions--start">
        <button type="button" className="btn btn--primary" data-testid="setup-poster-print" disabled={poster.state === 'busy'} onClick={() => void onboardingActions.printPoster()}>
          {poster.state === 'busy' ? t('setup.poster.busy') : t('setup.poster.print')}
        </button>
      </div>
      {poster.state === 'done' && (
        <p className="setup-ok" role="status" data-testid="setup-poster-done">
          ✓ {t('setup.poster.done', { fileName: poster.fileName })}
        </p>
      )}
      {poster.state === 'failed' && (
        <p className="setup-form-error" role="alert">
          {t('setup.poster.failed', { message: errorText(t, poster.error) })}
        </p>
      )}
      <FormError errors={errors} />
      <div className="setup-actions">
        <button type="button" className="btn" onClick={onBack} data-testid="setup-back">
          {t('setup.back')}
        </button>
        <button type="button" className="btn btn--primary" data-testid="setup-next" disabled={busy} onClick={finish}>
          {poster.state === 'done' ? t('setup.next') : t('setup.poster.skip')}
        </button>
      </div>
    </div>
  );
}

export function DoneStep({ missing }: { missing: SetupStep[] }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const required = missing.filter((s) => s !== 'poster');
  return (
    <div>
      <h2 className="setup-step__title">{t('setup.done.title')}</h2>
      <p className="setup-step__hint">{t('setup.done.lead')}</p>
      {required.length > 0 && (
        <p className="setup-form-error" role="alert">
          {t('setup.done.missing', { steps: required.map((s) => t(`setup.steps.${s}`)).join(', ') })}
        </p>
      )}
      {error && (
        <p className="setup-form-error" role="alert">
          {t('setup.saveFailed', { message: errorText(t, error) })}
        </p>
      )}
      <div className="setup-actions">
        <button
          type="button"
          className="btn btn--primary"
          data-testid="setup-finish"
          disabled={required.length > 0}
          onClick={() => void setupActions.complete().then(setError)}
        >
          {t('setup.done.open')}
        </button>
      </div>
    </div>
  );
}

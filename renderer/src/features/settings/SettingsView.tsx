import { useEffect, useRef, useState } from 'react';
import { LineSection } from '../line/LineSection';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentSettings, KeywordSettings, Locale, TemplateKey, TemplateView } from '@contract';
import type { ApiError } from '../../api';
import { api } from '../../api';
import { toApiError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { shortHash } from '../consent/consent-ui';
import {
  errorConcerns,
  errorField,
  HOURS_MAX,
  HOURS_MIN,
  IMPORT_EXAMPLE,
  keywordsText,
  parseHours,
  parseKeywords,
  TEMPLATE_KEYS,
  textRows,
  versionsOf,
  withoutFieldPrefix,
} from './settings-form';
import { useSettingsView } from './settings-store';
import type { SettingsSection } from './settings-store';
import './settings.css';

type Save = { state: 'idle' } | { state: 'busy' } | { state: 'saved'; note?: string } | { state: 'failed'; error: ApiError };

const LOCALES: readonly Locale[] = ['de', 'en'];
const KEYWORD_KINDS: readonly (keyof KeywordSettings)[] = ['confirm', 'marketingOptIn', 'marketingStop', 'stopAll'];

function SaveStatus({ save, testId }: { save: Save; testId: string }) {
  const { t } = useTranslation();
  if (save.state === 'saved') {
    return (
      <span className="settings__status settings__status--ok" role="status" data-testid={testId} data-state="saved">
        ✓ {save.note ?? t('settings.saved')}
      </span>
    );
  }
  if (save.state === 'failed') {
    return (
      <span className="settings__status settings__status--error" role="alert" data-testid={testId} data-state="failed">
        {t('settings.saveFailed', { message: save.error.message })}
      </span>
    );
  }
  return null;
}

function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <label className={`settings-field${error ? ' settings-field--error' : ''}`}>
      <span className="settings-field__label">{label}</span>
      {children}
      {error ? (
        <span className="settings-field__error" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="settings-field__hint">{hint}</span>
      )}
    </label>
  );
}

function Section({ id, title, hint, children }: { id: SettingsSection; title: string; hint?: string; children: ReactNode }) {
  return (
    <section className="settings-section" id={`settings-${id}`} data-testid={`settings-${id}`}>
      <h3 className="settings-section__title">{title}</h3>
      {hint && <p className="settings-section__hint">{hint}</p>}
      {children}
    </section>
  );
}

/** Sends a patch; a validation error keeps the form as typed and points at its field. */
async function savePatch(patch: Partial<ConsentSettings>): Promise<ConsentSettings> {
  return api.call('settings.update', { patch });
}

function ShopSection({ settings, onSaved }: { settings: ConsentSettings; onSaved: (s: ConsentSettings) => void }) {
  const { t } = useTranslation();
  const [shop, setShop] = useState(settings.shop);
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const errPath = save.state === 'failed' ? errorField(save.error.field) : null;
  const fieldError = (name: keyof ConsentSettings['shop']): string | null => {
    if (save.state !== 'failed' || !errorConcerns(errPath, `shop.${name}`)) return null;
    // The number is the one field staff gets wrong; say how to write it, in their language.
    if (name === 'phone') return t('settings.shop.phoneInvalid');
    return withoutFieldPrefix(save.error.message, errPath);
  };

  const submit = async (): Promise<void> => {
    setSave({ state: 'busy' });
    try {
      const next = await savePatch({ shop });
      setShop(next.shop);
      onSaved(next);
      setSave({ state: 'saved' });
    } catch (err) {
      setSave({ state: 'failed', error: toApiError(err) });
    }
  };

  const input = (name: 'name' | 'address' | 'phone' | 'privacyUrl', type = 'text', maxLength = 120) => (
    <input
      className="input"
      type={type}
      data-testid={`settings-shop-${name}`}
      value={shop[name]}
      maxLength={maxLength}
      aria-invalid={fieldError(name) ? true : undefined}
      onChange={(e) => setShop({ ...shop, [name]: e.target.value })}
    />
  );

  return (
    <Section id="shop" title={t('settings.shop.title')} hint={t('settings.shop.hint')}>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="settings-grid settings-grid--two">
          <Field label={t('settings.shop.name')} error={fieldError('name')}>
            {input('name')}
          </Field>
          <Field label={t('settings.shop.phone')} hint={t('settings.shop.phoneHint')} error={fieldError('phone')}>
            {input('phone', 'tel', 32)}
          </Field>
          <Field label={t('settings.shop.address')} error={fieldError('address')}>
            {input('address', 'text', 300)}
          </Field>
          <Field label={t('settings.shop.privacyUrl')} hint={t('settings.shop.privacyUrlHint')} error={fieldError('privacyUrl')}>
            {input('privacyUrl', 'url', 500)}
          </Field>
        </div>
        <div className="settings-actions">
          <button type="submit" className="btn btn--primary" data-testid="settings-shop-save" disabled={save.state === 'busy'}>
            {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
          </button>
          {/* Errors that belong to a field are shown there; others here. */}
          {(save.state !== 'failed' || !errPath?.startsWith('shop.')) && <SaveStatus save={save} testId="settings-shop-status" />}
        </div>
      </form>
    </Section>
  );
}

function KeywordsSection({ settings, onSaved }: { settings: ConsentSettings; onSaved: (s: ConsentSettings) => void }) {
  const { t } = useTranslation();
  const toText = (k: ConsentSettings['keywords']) =>
    Object.fromEntries(LOCALES.map((l) => [l, Object.fromEntries(KEYWORD_KINDS.map((kind) => [kind, keywordsText(k[l][kind])]))])) as Record<
      Locale,
      Record<keyof KeywordSettings, string>
    >;
  const [text, setText] = useState(() => toText(settings.keywords));
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const [empty, setEmpty] = useState<string | null>(null);
  const errPath = save.state === 'failed' ? errorField(save.error.field) : null;

  const submit = async (): Promise<void> => {
    const keywords = Object.fromEntries(
      LOCALES.map((l) => [l, Object.fromEntries(KEYWORD_KINDS.map((kind) => [kind, parseKeywords(text[l][kind])]))]),
    ) as ConsentSettings['keywords'];
    // An empty list would leave customers without a word to confirm or to stop.
    const missing = LOCALES.flatMap((l) => KEYWORD_KINDS.filter((k) => keywords[l][k].length === 0).map((k) => `${l}.${k}`));
    setEmpty(missing[0] ?? null);
    if (missing.length > 0) return;
    setSave({ state: 'busy' });
    try {
      const next = await savePatch({ keywords });
      setText(toText(next.keywords));
      onSaved(next);
      setSave({ state: 'saved' });
    } catch (err) {
      setSave({ state: 'failed', error: toApiError(err) });
    }
  };

  return (
    <Section id="keywords" title={t('settings.keywords.title')} hint={t('settings.keywords.hint')}>
      <div className="settings-keywords">
        {LOCALES.map((l) => (
          <fieldset key={l} className="settings-keywords__lang">
            <legend>{t(`settings.keywords.${l}`)}</legend>
            {KEYWORD_KINDS.map((kind) => {
              const path = `keywords.${l}.${kind}`;
              const error =
                empty === `${l}.${kind}`
                  ? t('settings.keywords.emptyList')
                  : save.state === 'failed' && errorConcerns(errPath, path)
                    ? withoutFieldPrefix(save.error.message, errPath)
                    : null;
              return (
                <Field key={kind} label={t(`settings.keywords.${kind}`)} error={error}>
                  <textarea
                    className="input settings-keywords__input"
                    data-testid={`settings-keywords-${l}-${kind}`}
                    rows={3}
                    value={text[l][kind]}
                    onChange={(e) => setText({ ...text, [l]: { ...text[l], [kind]: e.target.value } })}
                  />
                </Field>
              );
            })}
          </fieldset>
        ))}
      </div>
      <div className="settings-actions">
        <button type="button" className="btn btn--primary" data-testid="settings-keywords-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
        </button>
        <SaveStatus save={save} testId="settings-keywords-status" />
      </div>
    </Section>
  );
}

function TimingsSection({ settings, onSaved }: { settings: ConsentSettings; onSaved: (s: ConsentSettings) => void }) {
  const { t } = useTranslation();
  const [quarantine, setQuarantine] = useState(String(settings.quarantineHours));
  const [interval, setIntervalText] = useState(String(settings.requestIntervalHours));
  const [locale, setLocale] = useState<Locale>(settings.customerLocale);
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const [touched, setTouched] = useState(false);
  const q = parseHours(quarantine);
  const r = parseHours(interval);
  const range = t('settings.timings.range', { min: HOURS_MIN, max: HOURS_MAX });

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (q === null || r === null) return;
    setSave({ state: 'busy' });
    try {
      const next = await savePatch({ quarantineHours: q, requestIntervalHours: r, customerLocale: locale });
      onSaved(next);
      setSave({ state: 'saved' });
    } catch (err) {
      setSave({ state: 'failed', error: toApiError(err) });
    }
  };

  return (
    <Section id="timings" title={t('settings.timings.title')}>
      <div className="settings-grid">
        <Field label={t('settings.timings.quarantineHours')} hint={t('settings.timings.quarantineHint')} error={touched && q === null ? range : null}>
          <input
            className="input settings-hours"
            inputMode="numeric"
            data-testid="settings-quarantine-hours"
            value={quarantine}
            aria-invalid={touched && q === null ? true : undefined}
            onChange={(e) => setQuarantine(e.target.value)}
          />
        </Field>
        <Field label={t('settings.timings.requestIntervalHours')} hint={t('settings.timings.requestIntervalHint')} error={touched && r === null ? range : null}>
          <input
            className="input settings-hours"
            inputMode="numeric"
            data-testid="settings-request-interval"
            value={interval}
            aria-invalid={touched && r === null ? true : undefined}
            onChange={(e) => setIntervalText(e.target.value)}
          />
        </Field>
        <Field label={t('settings.timings.customerLocale')}>
          <select className="input" data-testid="settings-customer-locale" value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'de')}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </Field>
      </div>
      <div className="settings-actions">
        <button type="button" className="btn btn--primary" data-testid="settings-timings-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.save')}
        </button>
        <SaveStatus save={save} testId="settings-timings-status" />
      </div>
    </Section>
  );
}

function TemplateEditor({ versions, tkey, locale, onSaved }: { versions: TemplateView[]; tkey: TemplateKey; locale: Locale; onSaved: (v: TemplateView) => void }) {
  const { t, i18n } = useTranslation();
  const current = versions[0];
  const [text, setText] = useState(current?.text ?? '');
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    const trimmed = text.trim();
    if (!trimmed) return setProblem(t('settings.templates.empty'));
    if (current && trimmed === current.text.trim()) return setProblem(t('settings.templates.unchanged'));
    setProblem(null);
    setSave({ state: 'busy' });
    try {
      const v = await api.call('templates.update', { key: tkey, locale, text: trimmed });
      onSaved(v);
      setText(v.text);
      setSave({ state: 'saved', note: t('settings.templates.savedVersion', { version: v.version }) });
    } catch (err) {
      setSave({ state: 'failed', error: toApiError(err) });
    }
  };

  return (
    <div className="template" data-testid="template" data-key={tkey} data-locale={locale}>
      <div className="template__head">
        <h4 className="template__title">{t(`settings.templates.keys.${tkey}`)}</h4>
        <span className="template__current" data-testid="template-current">
          {current
            ? t('settings.templates.current', { version: current.version, date: formatDateTime(current.createdAt, i18n.language) ?? current.createdAt })
            : t('settings.templates.none')}
        </span>
      </div>
      <textarea
        className="input template__text"
        data-testid="template-text"
        rows={textRows(text)}
        maxLength={4000}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
      />
      <div className="settings-actions">
        <button type="button" className="btn" data-testid="template-save" disabled={save.state === 'busy'} onClick={() => void submit()}>
          {save.state === 'busy' ? t('settings.saving') : t('settings.templates.saveVersion')}
        </button>
        {problem ? (
          <span className="settings__status settings__status--error" role="alert">
            {problem}
          </span>
        ) : (
          <SaveStatus save={save} testId="template-status" />
        )}
      </div>
      {versions.length > 0 && (
        <details className="template__history" data-testid="template-history">
          <summary>{t('settings.templates.history', { count: versions.length })}</summary>
          <ol className="template__versions">
            {versions.map((v) => (
              <li key={v.version} data-testid="template-version" data-version={v.version}>
                <div className="template__version-line" title={v.sha256}>
                  {t('settings.templates.versionLine', {
                    version: v.version,
                    date: formatDateTime(v.createdAt, i18n.language) ?? v.createdAt,
                    hash: shortHash(v.sha256),
                  })}
                </div>
                <pre className="template__version-text">{v.text}</pre>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

function TemplatesSection() {
  const { t } = useTranslation();
  const [all, setAll] = useState<TemplateView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locale, setLocale] = useState<Locale>('de');

  useEffect(() => {
    let live = true;
    api
      .call('templates.list', { includeHistory: true })
      .then((list) => live && setAll(list))
      .catch((err: unknown) => live && setError(toApiError(err).message));
    return () => {
      live = false;
    };
  }, []);

  return (
    <Section id="templates" title={t('settings.templates.title')} hint={t('settings.templates.hint')}>
      <div className="segmented settings-locale" role="group" aria-label={t('settings.templates.title')}>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            className={`segmented__btn${locale === l ? ' segmented__btn--on' : ''}`}
            aria-pressed={locale === l}
            data-testid={`templates-locale-${l}`}
            onClick={() => setLocale(l)}
          >
            {t(`settings.keywords.${l}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="settings__status settings__status--error" role="alert">
          {t('settings.loadFailed', { message: error })}
        </p>
      )}
      {!all && !error && <p className="settings-section__hint">{t('settings.loading')}</p>}
      {all &&
        TEMPLATE_KEYS.map((key) => (
          <TemplateEditor
            key={`${key}-${locale}`}
            tkey={key}
            locale={locale}
            versions={versionsOf(all, key, locale)}
            onSaved={(v) => setAll((prev) => [...(prev ?? []), v])}
          />
        ))}
    </Section>
  );
}

const MAX_IMPORT = 5_000_000;

function ImportSection() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ imported: number; skipped: number; errors: { line: number; message: string }[] } | null>(null);

  const pickFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > MAX_IMPORT) return setProblem(t('settings.import.tooLarge'));
    setProblem(null);
    setFileName(file.name);
    setCsv(await file.text());
  };

  const run = async (): Promise<void> => {
    if (!csv.trim()) return setProblem(t('settings.import.empty'));
    if (csv.length > MAX_IMPORT) return setProblem(t('settings.import.tooLarge'));
    setProblem(null);
    setBusy(true);
    setResult(null);
    try {
      setResult(await api.call('consent.import', { csv, ...(fileName ? { fileName } : {}) }));
    } catch (err) {
      setProblem(t('settings.import.failed', { message: toApiError(err).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="import" title={t('settings.import.title')} hint={t('settings.import.hint')}>
      <div className="settings-import__example">
        <span className="settings-field__label">{t('settings.import.example')}</span>
        <pre>{IMPORT_EXAMPLE}</pre>
      </div>
      <Field label={t('settings.import.file')}>
        <input type="file" accept=".csv,text/csv,text/plain" data-testid="import-file" onChange={(e) => void pickFile(e.target.files?.[0])} />
      </Field>
      <Field label={t('settings.import.text')}>
        <textarea className="input settings-import__text" rows={5} data-testid="import-text" value={csv} onChange={(e) => setCsv(e.target.value)} />
      </Field>
      <div className="settings-actions">
        <button type="button" className="btn btn--primary" data-testid="import-run" disabled={busy} onClick={() => void run()}>
          {busy ? t('settings.import.running') : t('settings.import.run')}
        </button>
        {problem && (
          <span className="settings__status settings__status--error" role="alert">
            {problem}
          </span>
        )}
      </div>
      {result && (
        <div className="settings-import__result" data-testid="import-result" data-imported={result.imported} data-skipped={result.skipped}>
          <p className={`settings__status ${result.errors.length ? 'settings__status--warn' : 'settings__status--ok'}`}>
            {t('settings.import.result', { imported: result.imported, skipped: result.skipped })}
          </p>
          {result.errors.length > 0 && (
            <>
              <span className="settings-field__label">{t('settings.import.errors')}</span>
              <ul className="settings-import__errors" data-testid="import-errors">
                {result.errors.map((e, i) => (
                  <li key={i}>{t('settings.import.line', { line: e.line, message: e.message })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Section>
  );
}

const SECTIONS: readonly SettingsSection[] = ['shop', 'keywords', 'timings', 'templates', 'import', 'line'];

/** The manager's screen: shop profile, keywords, time limits, customer texts and the consent import. */
export function SettingsView() {
  const { t } = useTranslation();
  const hide = useSettingsView((s) => s.hide);
  const section = useSettingsView((s) => s.section);
  const [settings, setSettings] = useState<ConsentSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    api
      .call('settings.get', {})
      .then((s) => live && setSettings(s))
      .catch((err: unknown) => live && setError(toApiError(err).message));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') hide();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hide]);

  const jump = (s: SettingsSection): void => {
    bodyRef.current?.querySelector(`#settings-${s}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  useEffect(() => {
    if (settings && section !== 'shop') jump(section);
  }, [settings, section]);

  return (
    <div className="settings" role="dialog" aria-modal="true" aria-labelledby="settings-title" data-testid="settings">
      <header className="settings__header">
        <h2 id="settings-title" className="settings__title">
          {t('settings.title')}
        </h2>
        <nav className="settings__nav" aria-label={t('settings.title')}>
          {SECTIONS.map((s) => (
            <button key={s} type="button" className="btn btn--ghost btn--small" onClick={() => jump(s)}>
              {t(`settings.nav.${s}`)}
            </button>
          ))}
        </nav>
        <button type="button" className="btn" data-testid="settings-close" onClick={hide}>
          ✕ {t('settings.close')}
        </button>
      </header>
      <div className="settings__body" ref={bodyRef}>
        {error && (
          <p className="settings__status settings__status--error" role="alert">
            {t('settings.loadFailed', { message: error })}
          </p>
        )}
        {!settings && !error && <p className="settings-section__hint">{t('settings.loading')}</p>}
        {settings && (
          <>
            <ShopSection settings={settings} onSaved={setSettings} />
            <KeywordsSection settings={settings} onSaved={setSettings} />
            <TimingsSection settings={settings} onSaved={setSettings} />
          </>
        )}
        <TemplatesSection />
        <ImportSection />
        <LineSection />
      </div>
    </div>
  );
}

import { MapPin, Paperclip, Reply, Smartphone, X } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SimPhoneMessage } from '@contract';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { controller } from '../../app/instance';
import { formatClock, formatPhone, samePhone } from '../../lib/format';
import { useSim } from '../../store/sim';
import { useUi } from '../../store/ui';
import { errorText } from '../../i18n/errors';
import './sim.css';

/** The file's bytes as base64. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * The "customer phone" for demo and training: staff picks or types a number
 * and writes as that customer. Directions are the shop's view: 'in' is what
 * this customer sent (shown on the right, as on their own phone), 'out' is
 * what the shop sent them.
 */
export function SimPanel() {
  const { t, i18n } = useTranslation();
  const phones = useSim((s) => s.phones);
  const active = useSim((s) => s.active);
  const setActive = useSim((s) => s.setActive);
  const hide = useUi((s) => s.hide);
  const [newNumber, setNewNumber] = useState('');
  /** 'new' while staff types a number; otherwise the chosen customer is shown. */
  const [mode, setMode] = useState<'auto' | 'new'>('auto');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [quote, setQuote] = useState<SimPhoneMessage | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void controller.loadSim();
  }, []);

  const typing = mode === 'new' || active === null;
  const target = typing ? newNumber : (active ?? '');
  const shown = phones.find((p) => samePhone(target, p.phone));
  const messages = shown?.messages ?? [];

  useLayoutEffect(() => {
    const el = screenRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, shown?.phone]);

  const send = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    const body = text.trim();
    if ((!body && !file) || sending) return;
    if (!target.trim()) {
      setError(t('sim.needPhone'));
      phoneRef.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      const media = file ? { mime: file.type || 'application/octet-stream', fileName: file.name, data: await readBase64(file) } : undefined;
      await controller.simSend(target.trim(), body, {
        ...(media ? { media } : {}),
        ...(quote ? { quote: { id: quote.id } } : {}),
      });
      setText('');
      setFile(null);
      setQuote(null);
      setMode('auto');
      setNewNumber('');
    } catch (err) {
      setError(t('sim.failed', { message: errorText(t, err) }));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <aside className="sim" data-testid="sim-panel" aria-label={t('sim.title')}>
      <header className="sim__header">
        <div>
          <h2 className="sim__title">
            <Smartphone size={18} aria-hidden="true" className="sim__title-icon" />
            {t('sim.title')}
          </h2>
          <p className="sim__subtitle">{t('sim.subtitle')}</p>
        </div>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => hide('sim')} title={t('sim.close')}>
          ✕<span className="visually-hidden">{t('sim.close')}</span>
        </button>
      </header>
      <div className="sim__controls">
        <label className="field">
          <span className="field__label">{t('sim.choose')}</span>
          <select
            className="input"
            data-testid="sim-customer-select"
            value={typing ? '' : (active ?? '')}
            onChange={(e) => {
              setError(null);
              if (e.target.value) {
                setActive(e.target.value);
                setMode('auto');
              } else {
                setMode('new');
                setNewNumber('');
                requestAnimationFrame(() => phoneRef.current?.focus());
              }
            }}
          >
            <option value="">{t('sim.newNumber')}</option>
            {phones.map((p) => (
              <option key={p.phone} value={p.phone}>
                {formatPhone(p.phone)}
              </option>
            ))}
          </select>
        </label>
        {typing && (
          <label className="field">
            <span className="field__label">{t('sim.phoneLabel')}</span>
            <input
              ref={phoneRef}
              className="input"
              data-testid="sim-phone-input"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              maxLength={32}
              placeholder={t('sim.phonePlaceholder')}
              value={newNumber}
              onChange={(e) => setNewNumber(e.target.value)}
            />
          </label>
        )}
      </div>
      <div className="phone">
        <div className="phone__bar">{shown ? formatPhone(shown.phone) : target.trim() || '—'}</div>
        <div className="phone__screen" ref={screenRef}>
          {messages.length === 0 ? (
            <p className="phone__empty">{phones.length === 0 ? t('sim.noCustomers') : t('sim.empty')}</p>
          ) : (
            messages.map((m, i) => (
              <div
                key={`${m.at}-${i}`}
                className={`phone__msg phone__msg--${m.direction === 'in' ? 'mine' : 'shop'}`}
                data-testid="sim-message"
                data-direction={m.direction}
              >
                {m.direction === 'out' && <div className="phone__sender">{t('sim.shop')}</div>}
                {m.quote && (
                  <div className="phone__quote" data-testid="sim-quote">
                    {m.quote.text}
                  </div>
                )}
                {m.media && (
                  <div className="phone__file" data-testid="sim-file">
                    <Paperclip size={12} aria-hidden="true" /> {m.media.fileName ?? m.media.mime}
                  </div>
                )}
                {m.location && <div className="phone__file"><MapPin size={14} aria-hidden="true" /> {m.location.name ?? `${m.location.latitude}, ${m.location.longitude}`}</div>}
                {m.text && <div className="phone__text">{m.text}</div>}
                <div className="phone__foot">
                  <time className="phone__time" dateTime={m.at}>
                    {formatClock(m.at, i18n.language)}
                  </time>
                  <button
                    type="button"
                    className="phone__reply"
                    data-testid="sim-reply"
                    aria-label={t('sim.reply')}
                    title={t('sim.reply')}
                    onClick={() => setQuote(m)}
                  >
                    <Reply size={12} aria-hidden="true" />
                  </button>
                </div>
              </div>
            ))
          )}
        </div>
        {(quote || file) && (
          <div className="phone__pending">
            {quote && (
              <div className="phone__pending-item" data-testid="sim-quoting">
                <Reply size={12} aria-hidden="true" /> <span>{quote.text || quote.media?.fileName}</span>
                <button type="button" className="phone__x" aria-label={t('sim.quoteCancel')} onClick={() => setQuote(null)}>
                  <X size={12} aria-hidden="true" />
                </button>
              </div>
            )}
            {file && (
              <div className="phone__pending-item" data-testid="sim-attached">
                <Paperclip size={12} aria-hidden="true" /> <span>{file.name}</span>
                <button type="button" className="phone__x" aria-label={t('sim.fileRemove')} onClick={() => setFile(null)}>
                  <X size={12} aria-hidden="true" />
                </button>
              </div>
            )}
          </div>
        )}
        <form className="phone__composer" onSubmit={(e) => void send(e)}>
          <input
            ref={fileRef}
            type="file"
            hidden
            data-testid="sim-file-input"
            accept="image/*,video/*,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.txt,.csv,.ogg,.opus"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              e.target.value = '';
            }}
          />
          <button
            type="button"
            className="btn btn--ghost phone__attach"
            data-testid="sim-attach"
            aria-label={t('sim.attach')}
            title={t('sim.attach')}
            onClick={() => fileRef.current?.click()}
          >
            <Paperclip size={18} aria-hidden="true" />
          </button>
          <textarea
            className="phone__input"
            data-testid="sim-input"
            rows={2}
            maxLength={4096}
            aria-label={t('sim.inputLabel')}
            placeholder={t('sim.inputPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="btn btn--primary" data-testid="sim-send" disabled={sending || (!text.trim() && !file)}>
            {t('sim.send')}
          </button>
        </form>
        {error && (
          <p className="phone__error" role="alert" data-testid="sim-error">
            {error}
          </p>
        )}
      </div>
    </aside>
  );
}

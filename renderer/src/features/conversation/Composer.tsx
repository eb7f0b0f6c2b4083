import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SEND_MEDIA_BYTES, type ContactSummary } from '@contract';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { controller } from '../../app/instance';
import { checkMessageText, MAX_MESSAGE_LENGTH } from '../../lib/format';
import { useDrafts } from '../../store/drafts';

type Problem = { kind: 'consent'; text: string; consentKey: string } | { kind: 'error'; text: string };

const consentKey = (c: ContactSummary): string => JSON.stringify(c.consent);
const MAX_MB = MAX_SEND_MEDIA_BYTES / 1024 / 1024;

/** The file's bytes as base64 (FileReader's data URL without its prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Mounted per contact (keyed), so a refusal for one customer never blocks another. */
export function Composer({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation();
  const text = useDrafts((s) => s.byContact[contact.id] ?? '');
  const setDraft = useDrafts((s) => s.set);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const key = consentKey(contact);

  // A consent refusal holds until the customer's consent changes (e.g. they answered JA).
  const blocked = problem?.kind === 'consent' && problem.consentKey === key;
  useEffect(() => {
    if (problem?.kind === 'consent' && problem.consentKey !== key) setProblem(null);
  }, [key, problem]);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const check = checkMessageText(text);
  const tooLong = !check.ok && check.reason === 'tooLong';

  const showError = (err: unknown): void => {
    const e = toApiError(err);
    if (e.code === 'consent_required') {
      setProblem({ kind: 'consent', text: t('composer.consentBlocked', { reason: errorText(t, e) }), consentKey: key });
    } else if (e.code === 'validation') {
      // A file main refuses to pass on (a program) is the one validation staff meets here.
      const message = e.field === 'fileName' ? t('composer.fileRefused') : errorText(t, e);
      setProblem({ kind: 'error', text: t('composer.validation', { message }) });
    } else {
      setProblem({ kind: 'error', text: t('composer.failed', { message: errorText(t, e) }) });
    }
  };

  const sendFile = async (file: File): Promise<void> => {
    if (sending || blocked) return;
    setProblem(null);
    if (file.size > MAX_SEND_MEDIA_BYTES) {
      const size = (file.size / 1024 / 1024).toFixed(1);
      setProblem({ kind: 'error', text: t('composer.fileTooLarge', { name: file.name, size, max: MAX_MB }) });
      return;
    }
    setSending(true);
    try {
      let base64: string;
      try {
        base64 = await readBase64(file);
      } catch {
        setProblem({ kind: 'error', text: t('composer.fileUnreadable', { name: file.name }) });
        return;
      }
      // What is typed in the box goes along as the caption.
      const caption = check.ok ? check.text : '';
      await controller.sendFile(contact.id, { name: file.name, base64 }, caption);
      if (caption && (useDrafts.getState().byContact[contact.id] ?? '').trim() === caption) setDraft(contact.id, '');
    } catch (err) {
      showError(err);
    } finally {
      setSending(false);
      inputRef.current?.focus();
    }
  };

  const send = async (): Promise<void> => {
    if (sending || blocked || !check.ok) return;
    setSending(true);
    setProblem(null);
    try {
      await controller.send(contact.id, check.text);
      // Clear only what was sent; anything typed meanwhile stays.
      if ((useDrafts.getState().byContact[contact.id] ?? '').trim() === check.text) setDraft(contact.id, '');
    } catch (err) {
      showError(err);
    } finally {
      setSending(false);
      inputRef.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    // Enter sends; Shift+Enter is a new line; never while an IME is composing a word.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <div className={`composer${blocked ? ' composer--blocked' : ''}`}>
      {problem && (
        <div
          className={`composer__problem composer__problem--${problem.kind}`}
          role="alert"
          data-testid="composer-error"
          data-kind={problem.kind}
        >
          {problem.text}
        </div>
      )}
      {tooLong && (
        <div className="composer__problem composer__problem--error" role="alert" data-testid="composer-error">
          {t('composer.tooLong', { length: check.length, max: MAX_MESSAGE_LENGTH })}
        </div>
      )}
      <div className="composer__row">
        <textarea
          ref={inputRef}
          className="composer__input"
          data-testid="composer-input"
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
          rows={2}
          value={text}
          disabled={blocked}
          aria-invalid={tooLong || undefined}
          onChange={(e) => setDraft(contact.id, e.target.value)}
          onKeyDown={onKeyDown}
        />
        <input
          ref={fileRef}
          type="file"
          hidden
          data-testid="composer-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void sendFile(file);
          }}
        />
        <button
          type="button"
          className="btn composer__attach"
          data-testid="composer-attach"
          title={t('composer.attachTitle', { max: MAX_MB })}
          disabled={blocked || sending}
          onClick={() => fileRef.current?.click()}
        >
          <span aria-hidden="true">📎 </span>
          {t('composer.attach')}
        </button>
        <button
          type="button"
          className="btn btn--primary composer__send"
          data-testid="composer-send"
          disabled={blocked || sending || !check.ok}
          onClick={() => void send()}
        >
          {sending ? t('composer.sending') : t('composer.send')}
        </button>
      </div>
    </div>
  );
}

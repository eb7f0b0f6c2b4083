import { Clock, NotebookPen, Paperclip, Send, Smile, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ContactSummary, QuickReplyView } from '@contract';
import { MAX_SEND_MEDIA_BYTES } from '@contract/constants';
import { toApiError } from '../../api/client';
import { errorText } from '../../i18n/errors';
import { controller } from '../../app/instance';
import { checkMessageText, MAX_MESSAGE_LENGTH } from '../../lib/format';
import { useApp } from '../../store/app';
import { useDrafts } from '../../store/drafts';
import { quickReplyActions } from '../quick-replies/actions';
import { QuickReplyPicker } from '../quick-replies/QuickReplyPicker';
import { matchQuickReplies, shortcutAt, useQuickReplies } from '../quick-replies/quick-replies-store';
import { conversationActions } from './actions';
import { useConversation } from './conversation-store';
import { EmojiPicker } from './EmojiPicker';
import './composer.css';

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

/** A pasted image often has no useful name; give it one the customer can read. */
function namedFile(file: File, index: number): File {
  if (file.name && file.name !== 'image.png') return file;
  const ext = file.type.split('/')[1]?.split(';')[0] ?? 'bin';
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new File([file], `bild-${stamp}${index ? `-${index}` : ''}.${ext}`, { type: file.type });
}

/** Mounted per contact (keyed), so a refusal for one customer never blocks another. */
export function Composer({ contact }: { contact: ContactSummary }) {
  const { t, i18n } = useTranslation();
  const text = useDrafts((s) => s.byContact[contact.id] ?? '');
  const setDraft = useDrafts((s) => s.set);
  const replyTo = useConversation((s) => s.replyTo[contact.id]);
  const connection = useApp((s) => s.connection);
  const quickReplies = useQuickReplies((s) => s.list);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [noteMode, setNoteMode] = useState(false);
  const [caret, setCaret] = useState(0);
  const [qrActive, setQrActive] = useState(0);
  const [qrClosedAt, setQrClosedAt] = useState<number | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const pickerId = useId();
  const key = consentKey(contact);

  // A consent refusal holds until the customer's consent changes (e.g. they answered JA).
  const blocked = problem?.kind === 'consent' && problem.consentKey === key;
  useEffect(() => {
    if (problem?.kind === 'consent' && problem.consentKey !== key) setProblem(null);
  }, [key, problem]);

  useEffect(() => {
    inputRef.current?.focus();
    quickReplyActions.ensure();
  }, []);

  // Staff chose "reply": the input is where the answer goes.
  useEffect(() => {
    if (replyTo) inputRef.current?.focus();
  }, [replyTo]);

  const check = checkMessageText(text);
  const tooLong = !check.ok && check.reason === 'tooLong';
  const queued = sending && connection !== 'open';

  // "/word" before the caret opens the quick replies.
  const slash = noteMode ? null : shortcutAt(text, caret);
  const qrOpen = slash !== null && slash.start !== qrClosedAt;
  const qrItems = useMemo(
    () => (qrOpen && quickReplies ? matchQuickReplies(quickReplies, slash.query, i18n.language).slice(0, 8) : []),
    [qrOpen, quickReplies, slash?.query, i18n.language],
  );
  const qrIndex = Math.min(qrActive, Math.max(0, qrItems.length - 1));

  const showError = (err: unknown): void => {
    const e = toApiError(err);
    if (e.code === 'consent_required') {
      setProblem({ kind: 'consent', text: t('composer.consentBlocked', { reason: errorText(t, e) }), consentKey: key });
    } else if (e.code === 'validation') {
      // A file main refuses to pass on (a program) is the one validation staff meets here.
      const message = e.field === 'fileName' ? t('composer.fileRefused') : errorText(t, e);
      setProblem({ kind: 'error', text: t('composer.validation', { message }) });
    } else if (useApp.getState().connection === 'refused') {
      // The server no longer takes this page: the banner says what to do, the composer points there.
      setProblem({ kind: 'error', text: t('composer.failed', { message: t('app.connectionRefusedShort') }) });
    } else {
      setProblem({ kind: 'error', text: t('composer.failed', { message: errorText(t, e) }) });
    }
  };

  const clearSent = (sent: string): void => {
    // Clear only what was sent; anything typed meanwhile stays.
    if ((useDrafts.getState().byContact[contact.id] ?? '').trim() === sent) setDraft(contact.id, '');
  };

  const sendFiles = async (files: File[]): Promise<void> => {
    if (sending || blocked || noteMode || files.length === 0) return;
    setProblem(null);
    const big = files.find((f) => f.size > MAX_SEND_MEDIA_BYTES);
    if (big) {
      const size = (big.size / 1024 / 1024).toFixed(1);
      setProblem({ kind: 'error', text: t('composer.fileTooLarge', { name: big.name, size, max: MAX_MB }) });
      return;
    }
    setSending(true);
    try {
      for (const [i, file] of files.entries()) {
        let base64: string;
        try {
          base64 = await readBase64(file);
        } catch {
          setProblem({ kind: 'error', text: t('composer.fileUnreadable', { name: file.name }) });
          return;
        }
        // What is typed in the box goes along as the first file's caption.
        const caption = i === 0 && check.ok ? check.text : '';
        const quoted = i === 0 ? replyTo?.id : undefined;
        await controller.sendFile(contact.id, { name: file.name, base64 }, caption, quoted);
        if (caption) clearSent(caption);
        if (quoted) conversationActions.replyTo(contact.id, undefined);
      }
    } catch (err) {
      showError(err);
    } finally {
      setSending(false);
      inputRef.current?.focus();
    }
  };

  // Files dropped anywhere on the conversation arrive through the store.
  const dropped = useConversation((s) => s.dropped);
  const lastDrop = useRef(dropped?.seq ?? 0);
  useEffect(() => {
    if (!dropped || dropped.seq === lastDrop.current) return;
    lastDrop.current = dropped.seq;
    if (dropped.contactId === contact.id) void sendFiles(dropped.files);
    // sendFiles reads the current draft and reply when called.
  }, [dropped, contact.id]);

  const send = async (): Promise<void> => {
    if (sending || blocked || !check.ok) return;
    setSending(true);
    setProblem(null);
    try {
      if (noteMode) {
        await conversationActions.addNote(contact.id, check.text);
      } else {
        await controller.send(contact.id, check.text, replyTo?.id);
        if (replyTo) conversationActions.replyTo(contact.id, undefined);
      }
      clearSent(check.text);
    } catch (err) {
      showError(err);
    } finally {
      setSending(false);
      inputRef.current?.focus();
    }
  };

  const insertAt = (value: string, from: number, to: number): void => {
    const next = text.slice(0, from) + value + text.slice(to);
    setDraft(contact.id, next);
    const pos = from + value.length;
    requestAnimationFrame(() => {
      const el = inputRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(pos, pos);
      setCaret(pos);
    });
  };

  const pickQuickReply = async (reply: QuickReplyView): Promise<void> => {
    if (!slash) return;
    const { start } = slash;
    const end = caret;
    try {
      const filled = await quickReplyActions.expand(contact.id, reply.id);
      insertAt(filled, start, end);
    } catch (err) {
      setProblem({ kind: 'error', text: t('quickReplies.expandFailed', { message: errorText(t, err) }) });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (qrOpen && qrItems.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const d = e.key === 'ArrowDown' ? 1 : -1;
        setQrActive((qrIndex + d + qrItems.length) % qrItems.length);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        void pickQuickReply(qrItems[qrIndex]!);
        return;
      }
    }
    if (e.key === 'Escape') {
      if (qrOpen && slash) {
        e.preventDefault();
        setQrClosedAt(slash.start);
        return;
      }
      if (replyTo) {
        e.preventDefault();
        conversationActions.replyTo(contact.id, undefined);
        return;
      }
    }
    // Enter sends; Shift+Enter is a new line; never while an IME is composing a word.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>): void => {
    const files = [...e.clipboardData.files];
    if (files.length === 0) return;
    e.preventDefault();
    void sendFiles(files.map(namedFile));
  };

  const replyText = replyTo ? replyTo.body || t(`conversation.media.${replyTo.type}`) : '';
  return (
    <div className={`composer${blocked ? ' composer--blocked' : ''}${noteMode ? ' composer--note' : ''}`}>
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
      {queued && (
        <div className="composer__queued" role="status" data-testid="composer-queued">
          <Clock size={14} aria-hidden="true" /> {t('composer.queuedHint')}
        </div>
      )}
      {replyTo && !noteMode && (
        <div className="composer__reply" data-testid="composer-reply">
          <div className="composer__reply-text">
            <span className="composer__reply-who">
              {t('composer.replyingTo', {
                who: replyTo.direction === 'in' ? t('conversation.author.customer') : (replyTo.authorName ?? t('conversation.author.staff')),
              })}
            </span>
            <span className="composer__reply-body">{replyText}</span>
          </div>
          <button
            type="button"
            className="btn btn--ghost btn--small"
            aria-label={t('composer.replyCancel')}
            title={t('composer.replyCancel')}
            onClick={() => conversationActions.replyTo(contact.id, undefined)}
          >
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      )}
      {noteMode && (
        <div className="composer__note-hint" data-testid="composer-note-hint">
          <NotebookPen size={14} aria-hidden="true" /> {t('conversation.note.hint')}
        </div>
      )}
      {qrOpen && <QuickReplyPicker id={pickerId} items={qrItems} active={qrIndex} onPick={(r) => void pickQuickReply(r)} />}
      {emojiOpen && (
        <EmojiPicker
          onPick={(emoji) => {
            const el = inputRef.current;
            const from = el?.selectionStart ?? text.length;
            const to = el?.selectionEnd ?? text.length;
            insertAt(emoji, from, to);
          }}
          onClose={() => setEmojiOpen(false)}
        />
      )}
      <div className="composer__row">
        <div className="composer__tools">
          <button
            type="button"
            className={`btn btn--ghost composer__tool${emojiOpen ? ' composer__tool--on' : ''}`}
            data-testid="composer-emoji"
            aria-label={t('composer.emoji')}
            title={t('composer.emoji')}
            aria-expanded={emojiOpen}
            disabled={blocked}
            onClick={() => setEmojiOpen(!emojiOpen)}
          >
            <Smile size={20} aria-hidden="true" />
          </button>
          <button
            type="button"
            className="btn btn--ghost composer__tool composer__attach"
            data-testid="composer-attach"
            aria-label={t('composer.attach')}
            title={t('composer.attachTitle', { max: MAX_MB })}
            disabled={blocked || sending || noteMode}
            onClick={() => fileRef.current?.click()}
          >
            <Paperclip size={20} aria-hidden="true" />
          </button>
          <button
            type="button"
            className={`btn btn--ghost composer__tool${noteMode ? ' composer__tool--on' : ''}`}
            data-testid="composer-note-toggle"
            aria-pressed={noteMode}
            aria-label={t('conversation.note.toggle')}
            title={t('conversation.note.toggle')}
            onClick={() => setNoteMode(!noteMode)}
          >
            <NotebookPen size={20} aria-hidden="true" />
          </button>
        </div>
        <textarea
          ref={inputRef}
          className="composer__input"
          data-testid="composer-input"
          aria-label={noteMode ? t('conversation.note.inputLabel') : t('composer.label')}
          placeholder={noteMode ? t('conversation.note.placeholder') : t('composer.placeholder')}
          rows={2}
          value={text}
          disabled={blocked}
          aria-invalid={tooLong || undefined}
          aria-controls={qrOpen ? pickerId : undefined}
          aria-activedescendant={qrOpen && qrItems[qrIndex] ? `${pickerId}-${qrItems[qrIndex].id}` : undefined}
          aria-autocomplete="list"
          onChange={(e) => {
            setDraft(contact.id, e.target.value);
            setCaret(e.target.selectionStart);
            setQrActive(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <input
          ref={fileRef}
          type="file"
          hidden
          multiple
          data-testid="composer-file"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void sendFiles(files);
          }}
        />
        <button
          type="button"
          className="btn btn--primary composer__send"
          data-testid="composer-send"
          disabled={blocked || sending || !check.ok}
          onClick={() => void send()}
        >
          <Send size={16} aria-hidden="true" />{' '}
          {queued ? t('composer.queued') : sending ? t('composer.sending') : noteMode ? t('conversation.note.save') : t('composer.send')}
        </button>
      </div>
    </div>
  );
}

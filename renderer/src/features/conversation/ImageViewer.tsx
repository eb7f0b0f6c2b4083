import { ChevronLeft, ChevronRight, Download, X, ZoomIn, ZoomOut } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from '../../app/aria';
import { useTranslation } from '../../i18n/use-translation';
import { playableKind } from '@contract/mime';
import type { MessageView } from '@contract';
import { formatDateTime } from '../../lib/format';
import { useMessages } from '../../store/messages';
import { useConversation } from './conversation-store';
import { useMediaUrl } from './media-url';
import './viewer.css';

const ZOOMS = [1, 1.5, 2, 3, 4];
const isImage = (m: MessageView): boolean => !!m.media && playableKind(m.media.mime) === 'image';

/**
 * The chat's photos full size: zoom, next/previous through the chat's images, Esc closes, focus stays inside.
 * Closed, it is nothing: not a render for every batch of new messages.
 */
export function ImageViewer({ contactId }: { contactId: number }) {
  const viewing = useConversation((s) => s.viewing);
  return viewing === null ? null : <OpenImageViewer contactId={contactId} viewing={viewing} />;
}

function OpenImageViewer({ contactId, viewing }: { contactId: number; viewing: number }) {
  const { t, i18n } = useTranslation();
  const messages = useMessages((s) => s.byContact[contactId]?.messages);
  const images = useMemo(() => (messages ?? []).filter(isImage), [messages]);
  const index = images.findIndex((m) => m.id === viewing);
  const current = index >= 0 ? images[index] : undefined;
  const [zoom, setZoom] = useState(0);
  const close = (): void => {
    setZoom(0);
    useConversation.getState().view(null);
  };
  const go = (delta: number): void => {
    const next = images[index + delta];
    if (!next) return;
    setZoom(0);
    useConversation.getState().view(next.id);
  };
  // Arrow and zoom keys anywhere while open (a button that just got disabled leaves focus on the page).
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowLeft') go(-1);
    else if (e.key === 'ArrowRight') go(1);
    else if (e.key === '+' || e.key === '=') setZoom((z) => Math.min(ZOOMS.length - 1, z + 1));
    else if (e.key === '-') setZoom((z) => Math.max(0, z - 1));
    else if (e.key === 'Escape') close();
  };
  const open = !!current;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => keys.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <ModalOverlay className="dialog-overlay dialog-overlay--dark" isOpen={!!current} isDismissable onOpenChange={(o) => !o && close()}>
      <Modal className="viewer">
        <Dialog className="viewer__dialog" data-testid="image-viewer">
          {current?.media && (
            <div className="viewer__inner">
              <header className="viewer__bar">
                <Heading slot="title" className="viewer__title">
                  {t('conversation.viewer.title', { n: index + 1, count: images.length })}
                  <span className="viewer__when">{formatDateTime(current.createdAt, i18n.language)}</span>
                </Heading>
                <Button className="btn btn--ghost" aria-label={t('conversation.viewer.zoomOut')} isDisabled={zoom === 0} onPress={() => setZoom(zoom - 1)}>
                  <ZoomOut size={18} aria-hidden="true" />
                </Button>
                <span className="viewer__zoom" data-testid="viewer-zoom">
                  {Math.round(ZOOMS[zoom]! * 100)} %
                </span>
                <Button
                  className="btn btn--ghost"
                  data-testid="viewer-zoom-in"
                  aria-label={t('conversation.viewer.zoomIn')}
                  isDisabled={zoom === ZOOMS.length - 1}
                  onPress={() => setZoom(zoom + 1)}
                >
                  <ZoomIn size={18} aria-hidden="true" />
                </Button>
                <ViewerDownload message={current} />
                <Button className="btn btn--ghost" data-testid="viewer-close" aria-label={t('conversation.viewer.close')} onPress={close} autoFocus>
                  <X size={18} aria-hidden="true" />
                </Button>
              </header>
              <div className="viewer__stage">
                <Button
                  className="viewer__nav viewer__nav--prev"
                  data-testid="viewer-prev"
                  aria-label={t('conversation.viewer.previous')}
                  isDisabled={index <= 0}
                  onPress={() => go(-1)}
                >
                  <ChevronLeft size={28} aria-hidden="true" />
                </Button>
                <div className="viewer__scroll">
                  <ViewerImage key={current.id} message={current} zoom={ZOOMS[zoom]!} />
                </div>
                <Button
                  className="viewer__nav viewer__nav--next"
                  data-testid="viewer-next"
                  aria-label={t('conversation.viewer.next')}
                  isDisabled={index >= images.length - 1}
                  onPress={() => go(1)}
                >
                  <ChevronRight size={28} aria-hidden="true" />
                </Button>
              </div>
              {current.body && <p className="viewer__caption">{current.body}</p>}
            </div>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ViewerImage({ message, zoom }: { message: MessageView; zoom: number }) {
  const { t } = useTranslation();
  const { url } = useMediaUrl(message.media!, true);
  if (!url) return <p className="viewer__loading">{t('conversation.viewer.loading')}</p>;
  return (
    <img
      className="viewer__image"
      data-testid="viewer-image"
      data-zoom={zoom}
      src={url}
      alt={message.media?.fileName ?? t('conversation.media.image')}
      style={zoom === 1 ? undefined : { width: `${zoom * 100}%`, maxWidth: 'none', maxHeight: 'none' }}
    />
  );
}

function ViewerDownload({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const { url } = useMediaUrl(message.media!, true);
  return (
    <a
      className="btn btn--ghost"
      href={url ?? undefined}
      aria-disabled={!url}
      download={message.media?.fileName ?? `tresen-${message.media?.id}`}
      aria-label={t('conversation.viewer.save')}
    >
      <Download size={18} aria-hidden="true" />
    </a>
  );
}

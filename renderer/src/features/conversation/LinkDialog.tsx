import { ExternalLink } from 'lucide-react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from '../../app/aria';
import { useTranslation } from '../../i18n/use-translation';
import { openExternal } from './actions';
import { useConversation } from './conversation-store';

/** Before a link from a message opens in the browser, staff sees where it really goes. */
export function LinkDialog() {
  const { t } = useTranslation();
  const url = useConversation((s) => s.pendingLink);
  const close = (): void => useConversation.getState().setPendingLink(null);
  // Closed, it builds nothing (its labels were translated with every render of the conversation).
  if (url === null) return null;
  return (
    <ModalOverlay className="dialog-overlay" isOpen isDismissable onOpenChange={(open) => !open && close()}>
      <Modal className="dialog">
        <Dialog className="dialog__body" data-testid="link-dialog">
          <Heading slot="title" className="dialog__title">
            {t('conversation.link.title')}
          </Heading>
          <p>{t('conversation.link.text')}</p>
          <p className="dialog__url" data-testid="link-url">
            {url}
          </p>
          <div className="dialog__actions">
            <Button className="btn" onPress={close} autoFocus>
              {t('conversation.link.cancel')}
            </Button>
            <Button
              className="btn btn--primary"
              data-testid="link-open"
              onPress={() => {
                if (url) openExternal(url);
                close();
              }}
            >
              <ExternalLink size={16} aria-hidden="true" /> {t('conversation.link.open')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

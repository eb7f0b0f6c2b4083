import { useTranslation } from 'react-i18next';
import type { ChannelStateView } from '@contract';
import { api } from '../../api';
import { LinkScreen } from '../whatsapp/LinkScreen';

/** States in which the WhatsApp line needs the shop's attention before chatting makes sense. */
const NEEDS_LINKING: ReadonlySet<ChannelStateView['state']> = new Set(['starting', 'qr', 'pairing_code', 'logged_out', 'failed']);

export const needsLinking = (channel: ChannelStateView | null): boolean =>
  channel?.kind === 'whatsapp' && NEEDS_LINKING.has(channel.state);

/** The linking screen wired to the API: pairing code, back to the demo, link again. */
export function LinkGate({ channel }: { channel: ChannelStateView }) {
  const { i18n } = useTranslation();
  return (
    <main className="link-gate">
      <LinkScreen
        state={channel}
        lang={i18n.language === 'en' ? 'en' : 'de'}
        onUsePairingCode={async (digits) => {
          await api.call('line.pairingCode', { phone: `+${digits}` });
        }}
        onStartDemo={() => void api.call('line.useDemo', {})}
        onLink={() => void api.call('line.link', {})}
      />
    </main>
  );
}

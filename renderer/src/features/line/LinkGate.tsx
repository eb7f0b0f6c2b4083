import type { ChannelStateView } from '@contract';
import { LinkScreen } from '../whatsapp/LinkScreen';
import { lineActions } from './actions';

/** States in which the WhatsApp line needs the shop's attention before chatting makes sense. */
const NEEDS_LINKING: ReadonlySet<ChannelStateView['state']> = new Set(['starting', 'qr', 'pairing_code', 'logged_out', 'failed']);

export const needsLinking = (channel: ChannelStateView | null): boolean =>
  channel?.kind === 'whatsapp' && NEEDS_LINKING.has(channel.state);

/** The linking screen wired to the line's actions: pairing code, back to the demo, link again. */
export function LinkGate({ channel }: { channel: ChannelStateView }) {
  return (
    <main className="link-gate">
      <LinkScreen
        state={channel}
        onUsePairingCode={(digits) => lineActions.requestPairingCode(digits)}
        onStartDemo={() => lineActions.switchLine('line.useDemo')}
        onLink={() => lineActions.switchLine('line.link')}
      />
    </main>
  );
}

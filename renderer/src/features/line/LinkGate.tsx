import type { ChannelStateView } from '@contract';
import { LinkScreen } from '../whatsapp/LinkScreen';
import { lineActions } from './actions';

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

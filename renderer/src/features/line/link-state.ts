import type { ChannelStateView } from '@contract';

/** States in which the WhatsApp line needs the shop's attention before chatting makes sense. */
const NEEDS_LINKING: ReadonlySet<ChannelStateView['state']> = new Set(['starting', 'qr', 'pairing_code', 'logged_out', 'failed']);

/** Apart from the link gate, so the app shell can ask without loading the gate's code (and its QR library). */
export const needsLinking = (channel: ChannelStateView | null): boolean =>
  channel?.kind === 'whatsapp' && NEEDS_LINKING.has(channel.state);

import type { ChannelStateView } from '@contract';
import { fill, type WhatsAppStrings } from './strings';

export type Tone = 'ok' | 'busy' | 'bad';

export const toneOf = (state: ChannelStateView['state']): Tone =>
  state === 'connected' ? 'ok' : state === 'disconnected' || state === 'logged_out' || state === 'failed' ? 'bad' : 'busy';

/** One line for the status bar: "WhatsApp · Getrennt · neuer Versuch in 8 s". */
export function statusText(view: ChannelStateView, s: WhatsAppStrings): string {
  const parts: string[] = [s.channel[view.kind]];
  parts.push(view.state === 'syncing' ? fill(s.state.syncing, { percent: Math.round(view.percent ?? 0) }) : s.state[view.state]);
  if (view.state === 'disconnected' && view.retryInMs !== undefined) {
    parts.push(fill(s.retryIn, { seconds: Math.max(1, Math.ceil(view.retryInMs / 1000)) }));
  }
  if (view.reason && (view.state === 'disconnected' || view.state === 'failed')) parts.push(view.reason);
  return parts.join(' · ');
}

import type { ChannelStateView } from '@contract';
import type { TFunction } from 'i18next';

export type Tone = 'ok' | 'busy' | 'bad';

export const toneOf = (state: ChannelStateView['state']): Tone =>
  state === 'connected' ? 'ok' : state === 'disconnected' || state === 'logged_out' || state === 'failed' ? 'bad' : 'busy';

/** One line for the status bar: "WhatsApp · Getrennt · neuer Versuch in 8 s". */
export function statusText(view: ChannelStateView, t: TFunction): string {
  const parts: string[] = [t(`whatsapp.channel.${view.kind}`)];
  parts.push(t(`whatsapp.state.${view.state}`, { percent: Math.round(view.percent ?? 0) }));
  if (view.state === 'disconnected' && view.retryInMs !== undefined) {
    parts.push(t('whatsapp.retryIn', { seconds: Math.max(1, Math.ceil(view.retryInMs / 1000)) }));
  }
  if (view.reason && (view.state === 'disconnected' || view.state === 'failed')) parts.push(view.reason);
  return parts.join(' · ');
}

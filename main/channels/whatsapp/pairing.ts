import { TransientChannelError, type ChannelState } from '../../core/channel';
import { errText, TimeoutError, withTimeout, type LineShared, type WaClient } from './wa-client';

/** The supervised client as a pairing request sees it. */
export interface PairingLine {
  readonly client: WaClient | undefined;
  readonly ready: boolean;
  readonly current: ChannelState;
  readonly generation: number;
}

/**
 * Asks WhatsApp for a pairing code. whatsapp-web.js 1.34.7 may never answer
 * this on a client started in QR mode, so the request has its own deadline;
 * the QR stays usable. The messages are for the log: staff read the
 * renderer's words for the API's `pairing_failed` reason.
 */
export async function askPairingCode(s: LineShared, line: PairingLine, phone: string): Promise<string> {
  const digits = phone.replace(/[^\d]/g, '');
  if (!/^\d{6,15}$/.test(digits)) throw new Error('phone number for pairing must have 6 to 15 digits, with country code');
  const client = line.client;
  if (!client || line.ready || !['qr', 'pairing_code'].includes(line.current.state)) {
    throw new TransientChannelError(`not waiting to be linked (${line.current.state}); wait for the QR code`);
  }
  const gen = line.generation;
  let code: unknown;
  try {
    code = await withTimeout(client.requestPairingCode(digits, true), s.t.pairingMs, 'requestPairingCode');
  } catch (err) {
    s.o.logger.warn('whatsapp: no pairing code', { error: errText(err) });
    const why = err instanceof TimeoutError ? `no answer after ${Math.round(s.t.pairingMs / 1000)} s` : errText(err);
    throw new TransientChannelError(`WhatsApp gave no pairing code (${why}); scan the QR code or ask again later`);
  }
  if (gen !== line.generation || line.ready) throw new TransientChannelError('the line restarted meanwhile; ask for a new code');
  if (typeof code !== 'string' || !/^[A-Z0-9-]{4,16}$/i.test(code)) throw new TransientChannelError('WhatsApp gave no valid pairing code; scan the QR code or ask again');
  return code;
}

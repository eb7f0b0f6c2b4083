import type { AppContext } from '../../app-context';
import { TransientChannelError, type LinkingCapability } from '../../core/channel';
import { hasWhatsAppSession, readLineConfig, writeLineConfig } from '../../store/line-config';
import { ApiError } from '../../contract/errors';
import type { Handlers } from '../router';
import { phoneOrThrow } from './core';

type LineHandlers = Pick<
  Handlers,
  'line.status' | 'line.link' | 'line.useDemo' | 'line.unlink' | 'line.pairingCode' | 'line.setBrowser' | 'media.get'
>;

function browserInfo(ctx: AppContext): { browserPath: string | null; browserError: string | null } {
  try {
    return { browserPath: ctx.browser.find(readLineConfig(ctx.lineDataDir).browserPath || undefined), browserError: null };
  } catch (err) {
    return { browserPath: null, browserError: err instanceof Error ? err.message : String(err) };
  }
}

export function lineHandlers(ctx: AppContext): LineHandlers {
  const host = ctx.host;
  const linking = (): LinkingCapability => {
    const capability = ctx.channel.linking;
    if (!capability) throw new ApiError('unavailable', 'Es ist keine WhatsApp-Leitung aktiv.');
    return capability;
  };
  const switchTo = (mode: 'demo' | 'whatsapp') => {
    if (!host?.canSwitch) throw new ApiError('conflict', 'the line cannot be switched when started with --demo');
    if (host.mode === mode) return { switching: false };
    host.switchMode(mode);
    return { switching: true };
  };
  return {
    'line.status': () => ({
      mode: host?.mode ?? (ctx.demo ? 'demo' : 'whatsapp'),
      linked: hasWhatsAppSession(ctx.lineDataDir),
      canSwitch: host?.canSwitch ?? false,
      ...browserInfo(ctx),
    }),
    'line.link': async () => {
      // Already on WhatsApp (e.g. logged out on the phone): start linking again.
      if (host?.mode === 'whatsapp' && ctx.channel.linking) {
        await ctx.channel.start();
        return { switching: false };
      }
      return switchTo('whatsapp');
    },
    'line.useDemo': () => switchTo('demo'),
    'line.unlink': async () => {
      await linking().unlink();
      return switchTo('demo');
    },
    'line.pairingCode': async ({ phone }) => {
      const e164 = phoneOrThrow(phone);
      try {
        return { code: await linking().requestPairingCode(e164.slice(1)) };
      } catch (err) {
        // Not waiting for a link, or no code from WhatsApp in time: the reason is for staff to read.
        if (err instanceof TransientChannelError) throw new ApiError('unavailable', err.message, { reason: 'pairing_failed' });
        throw err;
      }
    },
    'line.setBrowser': async ({ path }) => {
      if (path !== '') {
        try {
          ctx.browser.find(path);
          await ctx.browser.identify(path);
        } catch (err) {
          throw new ApiError('validation', `path: ${err instanceof Error ? err.message : String(err)}`, { field: 'path', reason: 'not_a_browser' });
        }
      }
      writeLineConfig(ctx.lineDataDir, { browserPath: path });
      return browserInfo(ctx);
    },
    'media.get': async ({ mediaId }) => {
      const row = ctx.store.media.byId(mediaId);
      // A file held back with its message (no consent yet) is as invisible as the message.
      if (!row || !ctx.store.media.isVisible(mediaId)) throw new ApiError('not_found', 'file not found', { field: 'mediaId' });
      const data = await ctx.mediaStore.read(row.sha256).catch(() => {
        throw new ApiError('not_found', 'the file is gone (deleted, or not downloaded yet)');
      });
      return { mime: row.mime, fileName: row.file_name, base64: data.toString('base64') };
    },
  };
}

import { z } from 'zod';
import { method } from './define';
import { Id, PhoneInput } from './models';

/** The shop's WhatsApp line: linking, unlinking, demo mode, media. */

export const LineMode = z.enum(['demo', 'whatsapp']);
export type LineMode = z.infer<typeof LineMode>;

export const lineMethods = {
  'line.status': method(
    z.object({}).strict(),
    z.object({
      mode: LineMode,
      /** True when the data folder holds a WhatsApp session (a line was linked before). */
      linked: z.boolean(),
      /** Browser used for the WhatsApp session (configured or auto-detected), null when none found. */
      browserPath: z.string().nullable(),
      browserError: z.string().nullable(),
      /** Whether the mode can be switched here (not when started with --demo). */
      canSwitch: z.boolean(),
    }),
    'Which line is active and whether a WhatsApp line is linked.',
  ),
  'line.link': method(
    z.object({}).strict(),
    z.object({ switching: z.boolean() }),
    'Switch to the WhatsApp line and show the QR code to scan (the app restarts its channel).',
    { access: 'manager', audit: true },
  ),
  'line.useDemo': method(z.object({}).strict(), z.object({ switching: z.boolean() }), 'Switch to the demo simulator.', { access: 'manager', audit: true }),
  'line.unlink': method(
    z.object({}).strict(),
    z.object({ switching: z.boolean() }),
    'Log the WhatsApp line out, delete its session from this PC and return to the demo.',
    { access: 'manager', audit: true },
  ),
  'line.pairingCode': method(
    z.object({ phone: PhoneInput }).strict(),
    z.object({ code: z.string() }),
    'Pairing code instead of the QR (entered on the phone under "Link with phone number").',
    { access: 'manager', audit: true },
  ),
  'line.setBrowser': method(
    z.object({ path: z.string().trim().max(1000) }).strict(),
    z.object({ browserPath: z.string().nullable(), browserError: z.string().nullable() }),
    'Sets the browser the WhatsApp session runs in ("" = detect automatically).',
    { access: 'manager', audit: true },
  ),
  'media.get': method(
    z.object({ mediaId: Id }).strict(),
    z.object({ mime: z.string(), fileName: z.string().nullable(), base64: z.string() }),
    'The bytes of a received or sent media file.',
  ),
} as const;

export const lineEvents = {
  /** The app now runs on another line (other database): the UI reloads everything. */
  'line.switched': z.object({ mode: LineMode }),
} as const;

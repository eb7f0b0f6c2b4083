import { z } from 'zod';
import { LOGO_MAX_BYTES, SETUP_STEPS } from './constants';
import { method } from './define';
import { Locale } from './locales';
import { OpeningHours } from './consent';
import { Pin } from './inbox';
import { Id } from './models';

/** The first-run wizard: which steps are saved, saving one, finishing; staff start links. */

export { LOGO_MAX_BYTES, SETUP_STEPS };
export const SetupStep = z.enum(SETUP_STEPS);
export type SetupStep = z.infer<typeof SetupStep>;

/** The image types a logo may be (its size: LOGO_MAX_BYTES). */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Text a customer may read: no markup, no script. */
const NO_MARKUP = /[<>]|javascript:|data:/i;
const plain = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !NO_MARKUP.test(s), 'no markup or script allowed');

export const HttpsUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https:\/\/[^\s<>"']+\.[^\s<>"']+$/i.test(s), 'must be a full https:// address');


export const SetupShopInput = z
  .object({
    step: z.literal('shop'),
    name: plain(120).pipe(z.string().min(1, 'required')),
    address: plain(300).pipe(z.string().min(1, 'required')),
    phone: z.string().trim().min(1, 'required').max(32),
    privacyUrl: HttpsUrl,
    /** Optional logo as base64 (PNG, JPEG or WebP, at most LOGO_MAX_BYTES); null removes it. */
    logo: z.object({ base64: z.string().max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 8) }).nullable().optional(),
  })
  .strict();

export const SetupInput = z.discriminatedUnion('step', [
  SetupShopInput,
  z.object({ step: z.literal('hours'), openingHours: OpeningHours }).strict(),
  z
    .object({
      step: z.literal('manager'),
      name: plain(60).pipe(z.string().min(1, 'required')),
      pin: Pin,
      locale: Locale,
    })
    .strict(),
  z
    .object({
      step: z.literal('consent'),
      quarantineHours: z.number().int().min(1).max(24 * 30),
      customerLocale: Locale,
    })
    .strict(),
  z.object({ step: z.literal('line'), choice: z.enum(['demo', 'whatsapp']) }).strict(),
  z.object({ step: z.literal('poster') }).strict(),
]);
export type SetupInput = z.infer<typeof SetupInput>;

export const SetupState = z.object({
  completed: z.boolean(),
  /** Steps already saved (or already known from an existing install). */
  done: z.array(SetupStep),
  /** Steps still to do, in order; the wizard shows only these. */
  missing: z.array(SetupStep),
  /** The shop's logo as a data: URL, when one is set. */
  logo: z.string().nullable(),
  /** The guided demo's tour was dismissed (it never returns). */
  tourDismissed: z.boolean(),
});
export type SetupState = z.infer<typeof SetupState>;

export const StaffStartLink = z.object({
  profileId: Id,
  /** Short staff code after START, e.g. "A7K". */
  code: z.string(),
  /** The prefilled text, e.g. "START A7K". */
  text: z.string(),
  link: z.string(),
  svg: z.string(),
  /** What the employee forwards from their private phone to their existing customers. */
  share: z.string(),
});
export type StaffStartLink = z.infer<typeof StaffStartLink>;

export const setupMethods = {
  'setup.state': method(z.object({}).strict(), SetupState, 'Which first-run steps are saved and which are still missing.'),
  'setup.saveStep': method(
    SetupInput,
    SetupState,
    'Saves one wizard step, validated and in one transaction (closing half-way resumes at the next missing step).',
    { access: 'manager', audit: true },
  ),
  'setup.complete': method(
    z.object({}).strict(),
    SetupState,
    'Marks the set-up finished; refused while a required step is missing.',
    { access: 'manager', audit: true },
  ),
  'setup.preview': method(
    z.object({ locale: Locale.optional() }).strict(),
    z.object({ locale: Locale, request: z.string(), confirmation: z.string() }),
    'The consent request and confirmation exactly as a customer receives them now, filled from the shop profile.',
  ),
  'setup.dismissTour': method(z.object({}).strict(), SetupState, 'The counter tour was skipped or finished: it never shows again.'),
  'demo.start': method(
    z.object({}).strict(),
    z.object({ customers: z.number().int() }),
    'Demo line only: a few realistic simulated customers write in through the simulator (consent rules apply).',
  ),
  'staff.startLink': method(
    z.object({ profileId: Id }).strict(),
    StaffStartLink,
    "A staff profile's own start link (wa.me with START and the staff code) with its QR and a text to forward.",
  ),
  'staff.startCard': method(
    z.object({ profileId: Id, locale: Locale.optional() }).strict(),
    z.object({ fileName: z.string(), pdfBase64: z.string() }),
    "A small printable card (PDF) with the staff profile's start QR.",
  ),
} as const;

import { de as announcements } from '../features/announcements/i18n/de';
import { de as backup } from '../features/backup/i18n/de';
import { de as webhooks } from '../features/webhooks/i18n/de';
import { de as app } from '../app/i18n/de';
import { de as cases } from '../features/cases/i18n/de';
import { de as compliance } from '../features/compliance/i18n/de';
import { de as bot } from '../features/bot/i18n/de';
import { de as consent } from '../features/consent/i18n/de';
import { de as contacts } from '../features/contacts/i18n/de';
import { de as inbox } from '../features/inbox/i18n/de';
import { de as conversation } from '../features/conversation/i18n/de';
import { de as line } from '../features/line/i18n/de';
import { de as onboarding } from '../features/onboarding/i18n/de';
import { de as quickReplies } from '../features/quick-replies/i18n/de';
import { de as settings } from '../features/settings/i18n/de';
import { de as sim } from '../features/sim/i18n/de';
import { de as security } from '../features/security/i18n/de';
import { de as whatsapp } from '../features/whatsapp/i18n/de';
import { de as setup } from '../features/setup/i18n/de';
import { de as manager } from '../features/manager/i18n/de';
import type { Widen } from './widen';

/**
 * German: the default language at the counter. Each feature keeps its texts
 * in features/<feature>/i18n/de.ts (the app shell in app/i18n/de.ts); this
 * file only joins them. Its shape is the key type every language must fill.
 */
export const de = {
  ...app,
  ...contacts,
  ...inbox,
  ...conversation,
  ...consent,
  ...sim,
  ...onboarding,
  ...settings,
  ...line,
  ...whatsapp,
  ...cases,
  ...quickReplies,
  ...bot,
  ...announcements,
  ...setup,
  ...manager,
  ...compliance,
  ...security,
  ...backup,
  ...webhooks,
};

export type Resources = Widen<typeof de>;

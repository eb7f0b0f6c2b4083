import type { Resources } from './de';
import { en as announcements } from '../features/announcements/i18n/en';
import { en as backup } from '../features/backup/i18n/en';
import { en as webhooks } from '../features/webhooks/i18n/en';
import { en as app } from '../app/i18n/en';
import { en as cases } from '../features/cases/i18n/en';
import { en as compliance } from '../features/compliance/i18n/en';
import { en as bot } from '../features/bot/i18n/en';
import { en as consent } from '../features/consent/i18n/en';
import { en as contacts } from '../features/contacts/i18n/en';
import { en as inbox } from '../features/inbox/i18n/en';
import { en as conversation } from '../features/conversation/i18n/en';
import { en as line } from '../features/line/i18n/en';
import { en as onboarding } from '../features/onboarding/i18n/en';
import { en as quickReplies } from '../features/quick-replies/i18n/en';
import { en as settings } from '../features/settings/i18n/en';
import { en as sim } from '../features/sim/i18n/en';
import { en as security } from '../features/security/i18n/en';
import { en as whatsapp } from '../features/whatsapp/i18n/en';
import { en as setup } from '../features/setup/i18n/en';
import { en as manager } from '../features/manager/i18n/en';

/** English: the second language. Same keys as German (the type checks it, feature by feature). */
export const en: Resources = {
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


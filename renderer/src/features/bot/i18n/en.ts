import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the bot settings: the same keys as German. */
export const en: Widen<typeof de> = {
  bot: {
    title: 'Bot rules',
    hint: 'The bot answers frequent questions only after the customer consented, and hands over to a person when it cannot help. Every answer starts with the note that it is automatic.',
    enabled: 'Bot is switched on',
    prefixDe: 'Note before every bot message (German)',
    prefixEn: 'Note before every bot message (English)',
    prefixHint: 'Must not be empty: customers always see that an answer is automatic.',
    handoverWords: 'Words for "wants a person" (comma separated)',
    quietMinutes: 'The bot stays silent this many minutes after a staff message',
    rule: 'Rule "{{id}}"',
    ruleEnabled: 'active',
    phrases: 'Keywords and phrases (comma separated)',
    answerDe: 'Answer (German)',
    answerEn: 'Answer (English)',
    variables: 'Placeholders: {openingHours}, {address}, {shopName}, {phone}',
    addRule: 'Add rule',
    removeRule: 'Remove rule',
    hoursTitle: 'Opening hours, holidays and special days',
    hoursHint: 'Holidays (closed) and days with other hours belong to the shop profile and replace the weekly hours on their date. The bot, the away message and reminders follow them.',
    date: 'Date',
    dayHours: 'Hours (empty = closed, e.g. 09:00-12:00)',
    dayName: 'Name',
    addDay: 'Add day',
    removeDay: 'Remove',
    badHours: 'Please give hours like 09:00-12:00.',
    awayTitle: 'Away message',
    awayHint: 'Outside opening hours once per conversation and closed period, with the next opening time ({nextOpening}).',
    awayEnabled: 'Send the away message',
    awayDe: 'Text (German)',
    awayEn: 'Text (English)',
  },
};

import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the announcements screen: the same keys as German. */
export const en: Widen<typeof de> = {
  announcements: {
    button: 'Announcements',
    buttonTitle: 'News and offers to subscribers',
    title: 'Announcements',
    close: 'Close',
    warning:
      'WhatsApp bans bulk and automated non-personal messages. Announcements only go to customers who confirmed NEWSLETTER, at most {{cap}} times a week per customer, one by one with pauses – never as a blast.',
    text: 'Text (with {name} for the customer\'s name)',
    sendAt: 'Send later (optional)',
    preview: 'Check recipients',
    recipients: 'Will receive it ({{count}})',
    skipped: 'Skipped ({{count}})',
    sample: 'How the first recipient reads it:',
    reason: {
      no_marketing_consent: 'no consent to offers',
      weekly_cap: 'enough announcements this week',
      revoked: 'consent revoked',
    },
    create: 'Create and send announcement',
    schedule: 'Schedule announcement',
    history: 'Previous announcements',
    none: 'No announcements yet. They reach only customers who subscribed with NEWSLETTER: write a text above and choose “Check recipients”.',
    progress: '{{sent}} sent · {{pending}} pending · {{skipped}} skipped · {{failed}} failed',
    state: {
      draft: 'draft',
      scheduled: 'scheduled',
      sending: 'sending',
      paused: 'paused',
      done: 'done',
      cancelled: 'cancelled',
    },
    pause: 'Pause',
    resume: 'Resume',
    cancel: 'Cancel',
    send: 'Send',
    failed: 'Error: {{message}}',
    empty: 'Please enter a text.',
  },
};

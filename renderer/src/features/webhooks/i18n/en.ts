import type { Widen } from '../../../i18n/widen';
import type { de } from './de';

/** English texts of the webhook section: the same keys as German (the type checks it). */
export const en: Widen<typeof de> = {
  webhooks: {
    title: 'Webhooks',
    hint: 'Tresen reports events to your inventory or till system: signed (HMAC-SHA256) and retried with growing delays on failure. Only https addresses, or http to this PC.',
    none: 'No webhook yet.',
    byKey: 'registered by the shop system with the API key “{{key}}”',
    stopped: 'Stopped: API key revoked on {{when}} – nothing is delivered any more.',
    name: 'Name',
    url: 'Address (URL)',
    urlHint: 'https://… or http://127.0.0.1:…; redirects are not followed.',
    events: 'Events',
    add: 'Add webhook',
    delete: 'Delete',
    deleteNamed: 'Delete webhook {{name}}',
    deleteYes: 'Yes, delete',
    cancel: 'Cancel',
    secretTitle: 'Signing secret – visible only now',
    secretHint: 'Enter it in your system; it checks the X-Tresen-Signature header of each call with it.',
    secretDone: 'I have copied it',
    logTitle: 'Latest deliveries',
    logEmpty: 'No delivery yet.',
    colWhen: 'Time',
    colWebhook: 'Webhook',
    colEvent: 'Event',
    colState: 'State',
    colAttempts: 'Tries',
    colNext: 'Next try',
    event: {
      message_received: 'Message received',
      message_status: 'Message status',
      consent_changed: 'Consent changed',
      case_status: 'Case status',
    },
    state: { pending: 'retrying', delivered: 'delivered', failed: 'given up' },
    reason: {
      url_invalid: 'This address is not valid (credentials in the URL are not allowed).',
      url_not_https: 'Only https addresses, or http to this PC (127.0.0.1, localhost).',
    },
  },
};

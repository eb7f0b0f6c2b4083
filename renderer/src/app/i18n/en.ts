import type { Widen } from '../../i18n/widen';
import type { de } from './de';

/** English texts of the app shell (header, connection, time, errors): the same keys as German (the type checks it). */
export const en: Widen<typeof de> = {
  app: {
    title: 'Tresen',
    demoMarker: 'DEMO / Training',
    demoMarkerTitle: 'Demo and training mode: messages go to simulated customers, not to WhatsApp.',
    simToggle: 'Customer phone',
    simToggleTitle: 'Write as a customer (simulated phone)',
    themeDark: 'Dark theme',
    themeLight: 'Light theme',
    language: 'Language',
    more: 'More',
    disconnected: 'Connection lost … trying again',
    connecting: 'Connecting …',
    connectionRefused:
      'This page is no longer signed in: Tresen was started with a new access token. Please open the new address the server printed when it started (the line “Tresen ready at …”).',
    connectionRefusedShort: 'This page is no longer signed in – please open the new address (see the note above)',
    connectionLost:
      'Tresen no longer answers at this address. If the server was restarted, please open the address it printed when it started (the line “Tresen ready at …”) – it may have a new port. This page keeps trying here.',
    loadFailed: 'Loading failed: {{message}}',
    view: {
      loading: 'Loading …',
      failedTitle: 'Could not be opened',
      failed: 'This part of Tresen could not be loaded. Please try again. If Tresen was just updated, restart Tresen or reload the page.',
      retry: 'Try again',
      close: 'Close',
    },
  },
  time: {
    yesterday: 'Yesterday',
  },
  errors: {
    validation: 'An entry is not valid.',
    validationField: 'An entry is not valid ({{field}}).',
    unauthorized: 'Not signed in, or the access has expired. Please reload the page.',
    forbidden: 'This is not allowed here.',
    consent_required: "Without the customer's consent nothing can be sent.",
    not_found: 'Not found. It may just have been removed.',
    unknown_method: 'The app does not know this function. Please restart Tresen.',
    conflict: 'This is not possible in the current state.',
    payload_too_large: 'The file or text is too large.',
    unsupported_media_type: 'This file format is not supported.',
    idempotency_mismatch: 'This request was already sent with different content.',
    rate_limited: 'Too many requests. Please wait a moment and try again.',
    internal: 'Unexpected error. Please try again.',
    unavailable: 'Not possible right now. Please try again later.',
  },
};

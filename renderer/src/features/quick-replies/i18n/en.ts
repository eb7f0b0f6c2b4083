import type { de } from './de';
import type { Widen } from '../../../i18n/widen';

export const en: Widen<typeof de> = {
  quickReplies: {
    title: 'Quick replies',
    hint: 'Type "/" and the shortcut in the message box, e.g. /hours. Arrow keys choose, Enter inserts.',
    empty: 'No quick replies yet. For answers you write often (opening hours, pickup …): “Add quick reply” – in a chat they are then ready next to the text field.',
    add: 'Add quick reply',
    shortcut: 'Shortcut',
    language: 'Language',
    locales: { de: 'German', en: 'English' },
    text: 'Text',
    variables: 'Variables: {{list}} (customer name, shop, your profile name)',
    save: 'Save',
    cancel: 'Cancel',
    saveFailed: 'Not saved: {{message}}',
    edit: 'Edit /{{shortcut}}',
    delete: 'Delete /{{shortcut}}',
    pickerTitle: 'Quick replies',
    none: 'No matching quick reply. Add one under Settings → Quick replies.',
    expandFailed: 'Quick reply not inserted: {{message}}',
  },
};

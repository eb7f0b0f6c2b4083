import type { de } from './de';
import type { Widen } from '../../../i18n/widen';

export const en: Widen<typeof de> = {
  compliance: {
    title: 'Data protection',
    export: { button: 'Export data (Art. 15)', busy: 'Preparing the export …' },
    hold: {
      set: 'Set legal hold',
      lift: 'Lift legal hold',
      reason: 'Reason for the legal hold (optional)',
      on: 'Legal hold since {{since}} – reason: {{reason}}',
      hint: 'While the hold is set (e.g. during a legal dispute), neither retention nor "Delete contact" removes anything of this contact.',
    },
    erase: {
      open: 'Delete contact (Art. 17)',
      title: 'Delete {{name}} for good?',
      intro: "At the person's request, this deletes:",
      what: {
        contact: 'the contact with number and name',
        messages: 'all messages in both directions',
        notes: 'all internal notes',
        cases: 'all cases for this number (repairs, pick-ups …)',
        files: 'all photos and files',
        search: 'all entries in the search index',
        phone: 'the chat on the linked WhatsApp phone',
        proof: 'number, words and notes in the consent proof',
      },
      keeps:
        'Only an anonymous proof entry per event remains (kind, purpose, time, text version – without number or words) so the proof chain can still be checked, and a salted hash of the number so an import cannot bring it back. If the person writes START again later, they are treated as a new contact.',
      final: 'This cannot be undone – not even by restoring a backup.',
      cancel: 'Cancel',
      confirm: 'Delete for good',
      busy: 'Deleting …',
      held: 'This contact is under legal hold. Lift the hold first.',
      failed: 'Deleting failed: {{message}}',
      doneTitle: 'Contact deleted',
      done: "All of this contact's data has been deleted.",
      chatDeleted: 'The chat on the WhatsApp phone was deleted as well.',
      chatByHand: 'The chat on the WhatsApp phone could not be deleted (phone not connected). Please delete it there by hand.',
      close: 'Close',
    },
    retention: {
      title: 'Retention',
      hint: 'Every day Tresen deletes what is older than the periods set here (in days; 0 = never delete automatically). Contacts under legal hold are left alone.',
      managerOnly: 'Only managers can set retention.',
      chatContentDays: { label: 'Chat history (days)', hint: 'Older messages and internal notes are deleted.' },
      mediaDays: { label: 'Photos and files (days)', hint: 'Older files are deleted; the message stays without its file.' },
      pendingContactsDays: { label: 'Contacts without consent (days)', hint: 'People who never agreed and have not written for this long are deleted entirely.' },
      revokedContactsDays: { label: 'After a revocation: chat (days)', hint: 'After STOP the chat history is deleted after this period; number and proof stay for now.' },
      proofAfterRevocationDays: {
        label: 'After a revocation: proof (days)',
        hint: 'How long the consent proof with number and words is kept after a revocation (default 3 years, the regular limitation period); then the contact is deleted.',
      },
      runHour: { label: 'Time of the daily run', hint: 'Hour (0–23) at which deletion runs.' },
      erasureNote:
        'After an erasure on request (Art. 17) the proof loses number and words at once; only the anonymous entries of the proof chain stay for good, so the chain can still be checked.',
      save: 'Save',
      preview: 'Dry run: what would be deleted?',
      previewIntro: 'Dry run – nothing was deleted. {{held}} contact(s) under legal hold are left out.',
      off: 'Off (0 days).',
      groups: {
        chat_content: 'Chat history older than {{days}} days: {{count}} message(s)',
        media: 'Files older than {{days}} days: {{count}} file(s)',
        pending_contacts: 'Contacts without consent, inactive for {{days}} days: {{count}}',
        revoked_content: 'Chats after a revocation (older than {{days}} days): {{count}} contact(s)',
        revoked_proof: 'Proof after a revocation (older than {{days}} days): {{count}} contact(s) will be deleted',
      },
    },
  },
};

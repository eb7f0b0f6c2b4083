import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { Channel } from '../channel';
import type { EventBus } from '../event-bus';
import type { MediaStore } from '../media-store';
import type { ComplianceJournal } from './journal';
import { phoneHash } from './phone-hash';

export interface ErasureDeps {
  store: Store;
  mediaStore: MediaStore;
  /** The line: its chat with the person is deleted too, where the adapter can. */
  channel?: Channel;
  bus?: EventBus;
  clock: Clock;
  logger: Logger;
  salt: Buffer;
  journal?: ComplianceJournal;
}

export interface ErasureOptions {
  /** An Art. 17 request: leaves a tombstone (no import may bring the number back) and a journal line. Retention does not. */
  tombstone: boolean;
}

export interface ErasureResult {
  erased: true;
  /** The chat on the linked phone: deleted (true), none there (false), not possible (null). */
  chatDeleted: boolean | null;
}

/**
 * Erases one person: contact, conversation, messages, notes, labels, cases,
 * files, bot memory, the bridge's rows and their search-index entries, and
 * the personal fields of their consent proof (anonymous stubs stay and still
 * verify). Secure delete is on for the connection and for the FTS indexes;
 * the WAL is checkpointed and truncated after, instead of a blocking VACUUM.
 * A contact under legal hold is refused.
 */
export class Erasure {
  constructor(private readonly d: ErasureDeps) {}

  /** Erases the contact with this id. */
  async eraseContact(contactId: number, opts: ErasureOptions = { tombstone: true }): Promise<ErasureResult> {
    const contact = this.d.store.contacts.byId(contactId);
    if (!contact) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    return this.erase(contact.id, contact.phone, opts);
  }

  /** Erases by number: the contact if there is one, and the cases for the number either way. */
  async erasePhone(phone: string, opts: ErasureOptions = { tombstone: true }): Promise<ErasureResult> {
    const contact = this.d.store.contacts.byPhone(phone);
    if (!contact && !this.d.store.compliance.hasCases(phone)) throw new ApiError('not_found', 'unknown phone number', { field: 'phone' });
    return this.erase(contact?.id ?? null, phone, opts);
  }

  private async erase(contactId: number | null, phone: string, opts: ErasureOptions): Promise<ErasureResult> {
    const { store, clock } = this.d;
    if (contactId !== null && store.compliance.legalHold(contactId)) {
      throw new ApiError('conflict', 'the contact is under legal hold: lift the hold before erasing', { reason: 'legal_hold' });
    }
    const chatIds = contactId === null ? [] : store.contacts.addresses(contactId);
    const shas = store.compliance.mediaShas(contactId, phone);
    const now = clock.now();
    const counts = store.tx(() => {
      const c = store.compliance.erase(contactId, phone, chatIds);
      if (opts.tombstone) store.compliance.addTombstone(phoneHash(this.d.salt, phone), now);
      return c;
    });
    for (const sha of shas) this.d.mediaStore.removeIfUnreferenced(sha);
    if (opts.tombstone) this.d.journal?.append({ kind: 'erasure', phoneHash: phoneHash(this.d.salt, phone), at: now });
    const chatDeleted = await this.deleteChat(phone, chatIds);
    store.compliance.flush();
    if (contactId !== null) this.d.bus?.emit('contact.erased', { contactId });
    this.d.logger.info('compliance: contact erased', { contactId, ...counts, files: shas.length, chatDeleted, tombstone: opts.tombstone });
    return { erased: true, chatDeleted };
  }

  /** Deletes the chat on the linked phone only (retention removed the content, the contact stays). */
  async deleteChatOf(contactId: number): Promise<boolean | null> {
    const contact = this.d.store.contacts.byId(contactId);
    if (!contact) return null;
    return this.deleteChat(contact.phone, this.d.store.contacts.addresses(contactId));
  }

  /** Best effort: the database is erased whatever the phone says; the answer tells staff to finish it there by hand. */
  private async deleteChat(phone: string, chatIds: string[]): Promise<boolean | null> {
    const channel = this.d.channel;
    if (!channel?.deleteChat) return null;
    try {
      return await channel.deleteChat({ phone, knownChatIds: chatIds });
    } catch (err) {
      this.d.logger.warn('compliance: could not delete the chat on the linked phone', { error: String(err) });
      return null;
    }
  }
}

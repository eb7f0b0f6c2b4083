import type { ContactComplianceView, CsvField, Purpose } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { Channel } from '../channel';
import type { ConsentEngine } from '../consent/engine';
import type { EventBus } from '../event-bus';
import type { MediaStore } from '../media-store';
import type { Scheduler } from '../scheduler';
import { accessExport, type AccessExport } from './access-export';
import { contactsCsv } from './contacts-csv';
import { Erasure } from './erasure';
import { ComplianceJournal } from './journal';
import { loadInstallSalt, phoneHash } from './phone-hash';
import { Retention } from './retention';

export { reapplyJournal, journalSince, type ReapplyOptions, type ReapplyResult } from './restore-guard';
export { ComplianceJournal, JOURNAL_FILE_NAME, type JournalEntry } from './journal';
export { loadInstallSalt, phoneHash, SALT_FILE_NAME } from './phone-hash';
export { Erasure } from './erasure';
export { Retention, DEFAULT_RETENTION, RETENTION_JOB, retentionRecordEntries } from './retention';

export interface ComplianceDeps {
  dataDir: string;
  store: Store;
  consent: ConsentEngine;
  mediaStore: MediaStore;
  channel?: Channel;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
}

/** Why an import refuses a number (the words staff read in the import report). */
export const TOMBSTONE_REFUSAL =
  'wurde auf Wunsch der Person gelöscht (Art. 17 DSGVO) und darf nicht importiert werden; nur eine eigene Nachricht (START) nimmt sie wieder auf.';

/** The data-protection duties in one place: exports, erasure, legal hold, retention and the restore journal. */
export class Compliance {
  readonly erasure: Erasure;
  readonly retention: Retention;
  readonly journal: ComplianceJournal;
  private readonly salt: Buffer;

  constructor(private readonly d: ComplianceDeps) {
    this.salt = loadInstallSalt(d.dataDir);
    this.journal = new ComplianceJournal(d.dataDir);
    this.erasure = new Erasure({ ...d, salt: this.salt, journal: this.journal });
    this.retention = new Retention({ store: d.store, mediaStore: d.mediaStore, erasure: this.erasure, clock: d.clock, logger: d.logger });
    // Each revocation is journalled beside the database, so a restore cannot undo it.
    d.bus.subscribe((event, payload) => {
      if (event !== 'consent.changed') return;
      const p = payload as { contactId: number; purpose: Purpose; to: string };
      if (p.to !== 'revoked') return;
      const contact = d.store.contacts.byId(p.contactId);
      if (!contact) return;
      try {
        this.journal.append({ kind: 'revocation', phoneHash: phoneHash(this.salt, contact.phone), purpose: p.purpose, at: d.clock.now() });
      } catch (err) {
        d.logger.error('compliance: could not journal a revocation', { error: String(err) });
      }
    });
  }

  /** Starts the daily retention job. */
  schedule(scheduler: Scheduler): void {
    this.retention.schedule(scheduler);
  }

  /** The import's check: an erased number comes back only by the person's own message. */
  importRefusal = (phone: string): string | null =>
    this.d.store.compliance.isTombstoned(phoneHash(this.salt, phone)) ? TOMBSTONE_REFUSAL : null;

  isTombstoned(phone: string): boolean {
    return this.d.store.compliance.isTombstoned(phoneHash(this.salt, phone));
  }

  contactsCsv(purpose: Purpose, fields: readonly CsvField[]) {
    return contactsCsv(this.d.store, purpose, fields, this.d.clock.now());
  }

  async accessExport(contactId: number): Promise<AccessExport> {
    const out = await accessExport(this.d, contactId);
    if (!out) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    return out;
  }

  contactView(contactId: number): ContactComplianceView {
    if (!this.d.store.contacts.byId(contactId)) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    const hold = this.d.store.compliance.legalHold(contactId);
    return { contactId, legalHold: hold ? { since: new Date(hold.at).toISOString(), reason: hold.reason } : null };
  }

  setLegalHold(contactId: number, hold: boolean, reason: string | null): ContactComplianceView {
    if (!this.d.store.contacts.byId(contactId)) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    this.d.store.compliance.setLegalHold(contactId, hold ? this.d.clock.now() : null, hold ? reason || null : null);
    return this.contactView(contactId);
  }
}

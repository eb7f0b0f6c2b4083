import type { ConsentState, Purpose } from '../../contract';
import { systemClock, type Clock } from '../../runtime';
import type { Store } from '../../store';
import { MediaStore } from '../media-store';
import { ComplianceJournal, type JournalEntry } from './journal';
import { loadInstallSalt, phoneHash } from './phone-hash';

export interface ReapplyOptions {
  /** The data folder: the salt, the journal and media/ live there (not restored with the database). */
  dataDir: string;
  clock?: Clock;
}

export interface ReapplyResult {
  /** Journal lines at or after `since`. */
  entries: number;
  /** People found in the restored database and erased again. */
  erased: number;
  /** Tombstones written again (every erasure since, found or not). */
  tombstones: number;
  /** Revocations recorded again (the restored database still had the consent active). */
  revoked: number;
}

/** What a restore will re-apply, for its preview. */
export function journalSince(dataDir: string, since: number): { erasures: number; revocations: number } {
  const entries = new ComplianceJournal(dataDir).read(since);
  return { erasures: entries.filter((e) => e.kind === 'erasure').length, revocations: entries.filter((e) => e.kind === 'revocation').length };
}

const ACTIVE: readonly ConsentState[] = ['granted', 'requested'];

/**
 * A restore never brings back an erased person or a withdrawn consent. Call
 * this right after a backup was restored into `store` (opened and migrated),
 * with `since` = the time the backup was made (ms): every erasure and
 * revocation journalled at or after it is applied again — the person is
 * erased again (contact, chat, cases, files, proof's personal fields) and
 * tombstoned; a consent still active in the restored database is revoked
 * again (a chained event, trigger "staff", noted as re-applied). Idempotent:
 * running it twice changes nothing more. Synchronous; sends nothing.
 */
export function reapplyJournal(store: Store, since: number, opts: ReapplyOptions): ReapplyResult {
  const clock = opts.clock ?? systemClock;
  const salt = loadInstallSalt(opts.dataDir);
  const entries: JournalEntry[] = new ComplianceJournal(opts.dataDir).read(since);
  const result: ReapplyResult = { entries: entries.length, erased: 0, tombstones: 0, revoked: 0 };
  if (entries.length === 0) return result;
  const byHash = new Map<string, string>();
  for (const phone of store.compliance.knownPhones()) byHash.set(phoneHash(salt, phone), phone);
  const media = new MediaStore({ dataDir: opts.dataDir, store });
  for (const e of entries) {
    const phone = byHash.get(e.phoneHash);
    if (e.kind === 'erasure') {
      const shas: string[] = [];
      store.tx(() => {
        if (phone) {
          const contact = store.contacts.byPhone(phone);
          shas.push(...store.compliance.mediaShas(contact?.id ?? null, phone));
          store.compliance.erase(contact?.id ?? null, phone, contact ? store.contacts.addresses(contact.id) : []);
          result.erased++;
        }
        store.compliance.addTombstone(e.phoneHash, e.at);
        result.tombstones++;
      });
      for (const sha of shas) media.removeIfUnreferenced(sha);
      if (phone) byHash.delete(e.phoneHash);
    } else if (phone) {
      const contact = store.contacts.byPhone(phone);
      if (!contact) continue;
      const purposes: Purpose[] = e.purpose === 'service' ? ['marketing', 'service'] : ['marketing'];
      store.tx(() => {
        for (const purpose of purposes) {
          const from = store.consent.state(contact.id, purpose);
          if (!ACTIVE.includes(from)) continue;
          const row = store.consent.append({
            contactId: contact.id,
            purpose,
            from,
            to: 'revoked',
            triggerKind: 'staff',
            triggerRef: 'restore-journal',
            policyVersion: null,
            policyHash: null,
            at: clock.now(),
            note: `Widerruf vom ${new Date(e.at).toISOString()} nach einer Wiederherstellung erneut eingetragen.`,
          });
          store.consent.addDetails(row.id, { sentText: null, method: null, actorProfileId: null, actorName: 'Wiederherstellung', occurredAt: e.at });
          result.revoked++;
        }
      });
    }
  }
  store.compliance.flush();
  return result;
}

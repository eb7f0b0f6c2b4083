import type { Purpose } from '../../contract';
import type { Logger } from '../../runtime';
import type { Store } from '../../store';
import type { ConsentRepo } from '../../store/consent-repo';

const HOUR = 3_600_000;

export interface SweepDeps {
  store: Store;
  repo: ConsentRepo;
  now: number;
  quarantineHours: number;
  /** Records requested → expired (inside the sweep's transaction). */
  expire: (contactId: number, purpose: Purpose) => void;
  /** A media file no message references any more; the app removes the file. */
  onMediaOrphaned: (sha256: string) => void;
  emitContact: (contactId: number) => void;
  logger: Logger;
}

/**
 * The quarantine sweep: messages written before a consent that never came
 * are deleted with their media, and unanswered requests expire. Safe to run
 * any time; one transaction.
 */
export function sweepQuarantine(d: SweepDeps): { deletedMessages: number; expired: number } {
  const cutoff = d.now - d.quarantineHours * HOUR;
  const touched = new Set<number>();
  let deletedMessages = 0;
  let expired = 0;
  const removeOrphan = (sha256: string): void => {
    try {
      d.onMediaOrphaned(sha256);
    } catch (err) {
      d.logger.warn('removing an orphaned media file failed', { sha256, error: String(err) });
    }
  };
  d.store.tx(() => {
    const old = d.store.messages.quarantinedBefore(cutoff);
    for (const m of old) {
      d.store.messages.deleteById(m.id);
      touched.add(m.contact_id);
    }
    deletedMessages = old.length;
    const mediaIds = [...new Set(old.map((m) => m.media_id).filter((x): x is number => x !== null))];
    for (const mediaId of mediaIds) {
      if (d.store.media.isReferenced(mediaId)) continue;
      const sha = d.store.media.delete(mediaId);
      // The file goes in this transaction, with its last reference (unless a send holds it meanwhile).
      if (sha) removeOrphan(sha);
    }
    for (const purpose of ['service', 'marketing'] as const) {
      for (const { contact_id } of d.repo.requestedSince(purpose, cutoff)) {
        d.expire(contact_id, purpose);
        touched.add(contact_id);
        expired++;
      }
    }
  });
  for (const id of touched) d.emitContact(id);
  if (deletedMessages > 0 || expired > 0) d.logger.info('consent sweep', { deletedMessages, expired });
  return { deletedMessages, expired };
}

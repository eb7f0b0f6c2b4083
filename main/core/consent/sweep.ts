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

/** What one sweep did; `more` when it stopped at its limit and work is left. */
export interface SweepResult {
  deletedMessages: number;
  expired: number;
  more: boolean;
}

/**
 * The quarantine sweep: messages written before a consent that never came
 * are deleted with their media, and unanswered requests expire. Safe to run
 * any time; one transaction. `limit` bounds the deletions and the expiries
 * of this run (a start after a long break may find a large backlog: it is
 * worked off in slices, so no slice holds the process for long).
 */
export function sweepQuarantine(d: SweepDeps, limit = -1): SweepResult {
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
    const old = d.store.messages.quarantinedBefore(cutoff, limit);
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
      for (const { contact_id } of d.repo.requestedSince(purpose, cutoff, limit)) {
        d.expire(contact_id, purpose);
        touched.add(contact_id);
        expired++;
      }
    }
  });
  for (const id of touched) d.emitContact(id);
  if (deletedMessages > 0 || expired > 0) d.logger.info('consent sweep', { deletedMessages, expired });
  return { deletedMessages, expired, more: limit >= 0 && (deletedMessages >= limit || expired >= limit) };
}

/** Messages deleted (and requests expired) per transaction when a sweep has a backlog (about 30 ms). */
export const SWEEP_SLICE = 100;
/** The pause between two slices, in which requests waiting meanwhile are served. */
const SLICE_GAP_MS = 10;

/**
 * Runs the sweep at start and then every `intervalMs`; the timers never keep
 * the process alive. A backlog (the app was closed for days) is worked off in
 * slices of SWEEP_SLICE, the first at once and the rest in the background with
 * a pause between them, so a start does not wait for it (92,000 expired
 * messages held one for 20 s) and requests are served meanwhile.
 */
export class QuarantineSweeper {
  private timer: NodeJS.Timeout | undefined;
  private slices: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: () => SweepDeps,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** The first slice runs now (its failure fails the start, as a sweep always did). */
  start(): void {
    this.running = true;
    this.continueAfter(this.slice());
    this.timer = setInterval(() => this.inBackground(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.slices) clearTimeout(this.slices);
    this.timer = undefined;
    this.slices = undefined;
  }

  private slice(): SweepResult {
    return sweepQuarantine(this.deps(), SWEEP_SLICE);
  }

  private inBackground(): void {
    if (this.slices || !this.running) return; // a backlog is being worked off already
    try {
      this.continueAfter(this.slice());
    } catch (err) {
      this.logger.error('consent sweep failed', { error: String(err) });
    }
  }

  private continueAfter(last: SweepResult): void {
    if (!last.more || !this.running) return;
    this.slices = setTimeout(() => {
      this.slices = undefined;
      this.inBackground();
    }, SLICE_GAP_MS);
    this.slices.unref?.();
  }
}

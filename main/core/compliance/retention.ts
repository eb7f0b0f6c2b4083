import type { RetentionPreview, RetentionRunResult, RetentionSettings } from '../../contract';
import { RetentionSettings as RetentionSettingsSchema } from '../../contract/compliance';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { RetentionCandidate } from '../../store/compliance-repo';
import type { RetentionEntry } from '../manager';
import type { MediaStore } from '../media-store';
import type { Scheduler } from '../scheduler';
import type { Erasure } from './erasure';

const DAY = 86_400_000;
const SETTINGS_KEY = 'retention.settings';
export const RETENTION_JOB = 'compliance.retention';
const JOB_KEY = 'compliance:retention';

/**
 * Defaults: a year of chat, three months of files, a month for people who
 * never agreed or who said STOP, and three years of consent proof after a
 * revocation (the regular limitation period, § 195 BGB, in which the shop may
 * have to show the consent it relied on).
 */
export const DEFAULT_RETENTION: RetentionSettings = {
  chatContentDays: 365,
  mediaDays: 90,
  pendingContactsDays: 30,
  revokedContactsDays: 30,
  proofAfterRevocationDays: 1095,
  runHour: 3,
};

const period = (days: number) => (days === 0 ? 'keine automatische Löschung (Frist 0: abgeschaltet)' : `${days} Tage`);

/** The retention periods as set, for the processing record (Art. 30 (1) f DSGVO). */
export function retentionRecordEntries(s: RetentionSettings): RetentionEntry[] {
  return [
    { what: 'Chatverläufe (Nachrichten und interne Notizen)', period: period(s.chatContentDays), note: 'ältere werden automatisch gelöscht' },
    { what: 'Fotos, Dokumente und Sprachnachrichten', period: period(s.mediaDays), note: 'ältere Dateien werden gelöscht; die Nachricht bleibt ohne Datei' },
    {
      what: 'Kontakte ohne Einwilligung (nie zugestimmt, Anfrage offen oder abgelaufen)',
      period: period(s.pendingContactsDays),
      note: 'nach so langer Inaktivität vollständig gelöscht',
    },
    { what: 'Chatverläufe nach einem Widerruf (STOP)', period: period(s.revokedContactsDays), note: 'Nummer und Einwilligungsnachweis bleiben vorerst' },
    {
      what: 'Einwilligungsnachweis nach einem Widerruf',
      period: period(s.proofAfterRevocationDays),
      note: 'zum Nachweis der Einwilligung (regelmäßige Verjährung, § 195 BGB); danach wird der Kontakt gelöscht',
    },
    {
      what: 'Automatische Löschung',
      period: `täglich um ${s.runHour} Uhr`,
      note: 'Kontakte unter Aufbewahrungssperre bleiben unberührt; eine Löschung auf Wunsch (Art. 17 DSGVO) erfolgt sofort',
    },
  ];
}

export interface RetentionDeps {
  store: Store;
  mediaStore: MediaStore;
  erasure: Erasure;
  clock: Clock;
  logger: Logger;
}

const view = (c: RetentionCandidate) => ({ id: c.contact_id, name: c.name ?? c.push_name, phone: c.phone });

/**
 * The retention job: what is older than its period goes, except for contacts
 * under legal hold. preview() is the dry run (same queries, nothing deleted).
 * Erased people's chats on the linked phone go too (through Erasure).
 */
export class Retention {
  constructor(private readonly d: RetentionDeps) {}

  settings(): RetentionSettings {
    const saved = this.d.store.settings.get<Partial<RetentionSettings>>(SETTINGS_KEY) ?? {};
    const parsed = RetentionSettingsSchema.safeParse({ ...DEFAULT_RETENTION, ...saved });
    return parsed.success ? parsed.data : DEFAULT_RETENTION;
  }

  update(patch: Partial<RetentionSettings>): RetentionSettings {
    const next = RetentionSettingsSchema.parse({ ...this.settings(), ...patch });
    this.d.store.settings.set(SETTINGS_KEY, next, this.d.clock.now());
    return next;
  }

  private cutoff(days: number, now: number): number | null {
    return days > 0 ? now - days * DAY : null;
  }

  /** Revoked contacts past the content period that still have content (the proof group is separate). */
  private revokedWithContent(before: number, proofBefore: number | null): RetentionCandidate[] {
    const proofIds = new Set(proofBefore === null ? [] : this.d.store.compliance.revokedBefore(proofBefore).map((c) => c.contact_id));
    return this.d.store.compliance.revokedBefore(before).filter((c) => !proofIds.has(c.contact_id) && this.d.store.compliance.messageCount(c.contact_id) > 0);
  }

  preview(): RetentionPreview {
    const s = this.settings();
    const now = this.d.clock.now();
    const repo = this.d.store.compliance;
    const chat = this.cutoff(s.chatContentDays, now);
    const media = this.cutoff(s.mediaDays, now);
    const pending = this.cutoff(s.pendingContactsDays, now);
    const revoked = this.cutoff(s.revokedContactsDays, now);
    const proof = this.cutoff(s.proofAfterRevocationDays, now);
    const chatRows = chat === null ? [] : repo.oldContent(chat);
    const mediaRows = media === null ? [] : repo.oldMedia(media);
    const pendingRows = pending === null ? [] : repo.stalePending(pending);
    const revokedRows = revoked === null ? [] : this.revokedWithContent(revoked, proof);
    const proofRows = proof === null ? [] : repo.revokedBefore(proof);
    return {
      asOf: new Date(now).toISOString(),
      groups: [
        { kind: 'chat_content', days: s.chatContentDays, count: chatRows.reduce((n, r) => n + r.n, 0), contacts: chatRows.map(view) },
        { kind: 'media', days: s.mediaDays, count: mediaRows.reduce((n, r) => n + r.n, 0), contacts: mediaRows.map(view) },
        { kind: 'pending_contacts', days: s.pendingContactsDays, count: pendingRows.length, contacts: pendingRows.map(view) },
        { kind: 'revoked_content', days: s.revokedContactsDays, count: revokedRows.length, contacts: revokedRows.map(view) },
        { kind: 'revoked_proof', days: s.proofAfterRevocationDays, count: proofRows.length, contacts: proofRows.map(view) },
      ],
      held: repo.heldCount(),
    };
  }

  /** Deletes what the preview lists. Idempotent: a second run finds nothing. */
  async run(): Promise<RetentionRunResult> {
    const s = this.settings();
    const now = this.d.clock.now();
    const { store, erasure, mediaStore } = this.d;
    const repo = store.compliance;
    const result: RetentionRunResult = { at: new Date(now).toISOString(), messages: 0, notes: 0, files: 0, contacts: 0 };
    const proof = this.cutoff(s.proofAfterRevocationDays, now);
    const pending = this.cutoff(s.pendingContactsDays, now);
    const revoked = this.cutoff(s.revokedContactsDays, now);
    const erase = [...(proof === null ? [] : repo.revokedBefore(proof)), ...(pending === null ? [] : repo.stalePending(pending))];
    for (const c of erase) {
      result.messages += repo.messageCount(c.contact_id);
      await erasure.eraseContact(c.contact_id, { tombstone: false });
      result.contacts++;
    }
    const shas = new Set<string>();
    if (revoked !== null) {
      for (const c of this.revokedWithContent(revoked, proof)) {
        const r = store.tx(() => repo.deleteContentOf(c.contact_id));
        result.messages += r.messages;
        result.notes += r.notes;
        r.shas.forEach((x) => shas.add(x));
        await erasure.deleteChatOf(c.contact_id);
      }
    }
    const chat = this.cutoff(s.chatContentDays, now);
    if (chat !== null) {
      store.tx(() => {
        for (const sha of repo.detachOldMedia(chat)) shas.add(sha);
        const r = repo.deleteOldContent(chat);
        result.messages += r.messages;
        result.notes += r.notes;
      });
    }
    const media = this.cutoff(s.mediaDays, now);
    if (media !== null) store.tx(() => repo.detachOldMedia(media)).forEach((x) => shas.add(x));
    for (const sha of shas) if (mediaStore.removeIfUnreferenced(sha)) result.files++;
    repo.flush();
    this.d.logger.info('retention: run finished', { ...result });
    return result;
  }

  /** Registers the daily job and schedules its next run. */
  schedule(scheduler: Scheduler): void {
    scheduler.register(RETENTION_JOB, async () => {
      await this.run();
      scheduler.schedule({ key: JOB_KEY, kind: RETENTION_JOB, runAt: this.nextRunAt() });
    });
    scheduler.schedule({ key: JOB_KEY, kind: RETENTION_JOB, runAt: this.nextRunAt() });
  }

  /** The next runHour (local time) after now. */
  nextRunAt(): number {
    const now = this.d.clock.now();
    const next = new Date(now);
    next.setHours(this.settings().runHour, 0, 0, 0);
    if (next.getTime() <= now) next.setDate(next.getDate() + 1);
    return next.getTime();
  }
}

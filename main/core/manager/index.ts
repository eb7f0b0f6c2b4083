import type { ConsentEventView, ConsentSettings, ManagerContactItem, ManagerContactCounts, ProcessingRecordView, Purpose, StatsView } from '../../contract';
import type { ConsentSource } from '../../contract/manager';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import { decodeCursor, nextCursor } from '../../store/cursor';
import { safeTimeZone } from '../cases/shop-time';
import {
  buildProcessingRecord,
  consentRetention,
  DEFAULT_SECTIONS,
  processingRecordHtml,
  processingRecordPdf,
  type RecordSection,
  type RetentionEntry,
} from './processing-record';
import { computeStats, startOfDate } from './stats';

export interface ManagerDeps {
  store: Store;
  clock: Clock;
  consentSettings: () => ConsentSettings;
  bot: () => { enabled: boolean; weeklyCap: number };
  history: (contactId: number) => ConsentEventView[];
}

const SOURCE_OF: Record<string, ConsentSource> = { import: 'import', staff: 'staff' };

/**
 * The manager's area: consent review, statistics and the processing record.
 * Other areas extend the record through `recordSections` and `retentionProviders`.
 */
export class Manager {
  /** The record's sections, in order; an area may push its own. */
  readonly recordSections: RecordSection[] = [...DEFAULT_SECTIONS];
  /** Retention periods in force; the retention and backup areas add theirs. */
  readonly retentionProviders: Array<() => RetentionEntry[]> = [() => consentRetention(this.d.consentSettings())];

  constructor(private readonly d: ManagerDeps) {}

  private timeZone(): string {
    return safeTimeZone(this.d.consentSettings().shop.timeZone);
  }

  contacts(input: { purpose: Purpose; since?: string | undefined; source?: ConsentSource | undefined; cursor?: string | undefined; limit: number }): {
    items: ManagerContactItem[];
    next: string | null;
    counts: ManagerContactCounts;
  } {
    const since = input.since ? startOfDate(input.since, this.timeZone()) : 0;
    const rows = this.d.store.consentReview.page({
      purpose: input.purpose,
      since,
      source: input.source ?? null,
      after: decodeCursor(input.cursor) ?? null,
      limit: input.limit,
    });
    return {
      items: rows.map((r) => ({
        contactId: r.contact_id,
        phone: r.phone,
        name: r.name,
        pushName: r.push_name,
        purpose: input.purpose,
        state: r.to_state,
        source: SOURCE_OF[r.trigger_kind] ?? 'customer',
        since: new Date(r.at).toISOString(),
        eventId: r.event_id,
      })),
      next: nextCursor(rows, input.limit, (r) => [r.at, r.event_id]),
      counts: this.d.store.consentReview.counts(input.purpose, since),
    };
  }

  stats(period: { from: string; to: string }): StatsView {
    return computeStats(this.d.store.stats, period, this.timeZone());
  }

  private record(): { record: Omit<ProcessingRecordView, 'html'>; shopName: string } {
    const settings = this.d.consentSettings();
    const record = buildProcessingRecord(
      {
        settings,
        bot: this.d.bot(),
        retention: this.retentionProviders.flatMap((p) => p()),
        generatedAt: new Date(this.d.clock.now()),
      },
      this.timeZone(),
      this.recordSections,
    );
    return { record, shopName: settings.shop.name.trim() || 'Geschäft' };
  }

  processingRecord(): ProcessingRecordView {
    const { record, shopName } = this.record();
    return { ...record, html: processingRecordHtml(record, shopName) };
  }

  async processingRecordPdf(): Promise<{ fileName: string; bytes: Uint8Array }> {
    const { record, shopName } = this.record();
    const date = new Date(this.d.clock.now()).toISOString().slice(0, 10);
    return { fileName: `Verarbeitungsverzeichnis-${date}.pdf`, bytes: await processingRecordPdf(record, shopName) };
  }
}

export type { RecordSection, RetentionEntry } from './processing-record';

import type { Locale } from '../../contract';
import type { Carrier, CaseNotification, CaseStatus, CaseType } from '../../contract/cases';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import type { CaseListRow, CaseRow } from '../../store/cases-repo';
import type { ConsentHooks } from '../consent-hooks';
import type { MediaStore } from '../media-store';
import type { Messaging, StoredMediaRef } from '../messaging';
import type { CaseSettings } from './case-settings';
import { renderReturnLabel, type LabelFormat } from './label';
import type { CaseShop } from './shop';
import { formatWhen } from './shop';
import { formatOpeningHours } from './shop-time';
import { DEFAULT_CASE_TEMPLATES, STATUS_LABELS, renderCaseTemplate, templateKey, type CaseVars } from './templates';
import { trackingLink } from './tracking';

export interface CaseNoticesDeps {
  store: Store;
  messaging: Messaging;
  consent: ConsentHooks;
  mediaStore: MediaStore;
  clock: Clock;
  shop: () => CaseShop;
  locale: (contactId: number | null) => Locale;
  settings: CaseSettings;
}

export const labelFileName = (number: string): string => `Ruecksendeetikett-${number}.pdf`;

/**
 * What a case tells its customer: the status texts filled from the shop's
 * templates, reminders and the return label — every one through the consent
 * gate and Messaging (so the outbox), linked to the case's timeline.
 */
export class CaseNotices {
  constructor(private readonly d: CaseNoticesDeps) {}

  /** Whether the gate lets a case message out to this contact now. */
  gateFor(contactId: number | null): CaseNotification {
    if (contactId === null) return { state: 'not_sent', reason: 'no_contact' };
    const decision = this.d.consent.gate(contactId, 'service', 'notification');
    return decision.allowed ? { state: 'queued' } : { state: 'not_sent', reason: decision.reason };
  }

  /** The status text (template or staff's edit) and, for an approved return, the label as a document. */
  sendStatus(r: CaseRow, joined: CaseListRow, text: string | undefined, label?: StoredMediaRef): CaseNotification {
    const contactId = joined.contact_id;
    const locale = this.d.locale(contactId);
    const body = text ?? this.render(templateKey(r.type as CaseType, r.status as CaseStatus), r, joined, locale);
    const first = this.sendText(r.id, contactId, body);
    if (first.state === 'queued' && label && contactId !== null) {
      const doc = this.d.messaging.send({
        contactId,
        text: '',
        purpose: 'service',
        kind: 'notification',
        author: 'system',
        media: { ref: label, type: 'document' },
      });
      this.d.store.cases.link(r.id, 'notification', doc.id, doc.media_id, this.d.clock.now());
    }
    return first;
  }

  sendText(caseId: string, contactId: number | null, text: string): CaseNotification {
    const gate = this.gateFor(contactId);
    if (gate.state !== 'queued' || contactId === null) return gate;
    const message = this.d.messaging.send({ contactId, text, purpose: 'service', kind: 'notification', author: 'system' });
    this.d.store.cases.link(caseId, 'notification', message.id, null, this.d.clock.now());
    return { state: 'queued', messageId: message.id };
  }

  /** A template filled with the case's and the shop's values, in the customer's language. */
  render(key: string, r: CaseRow, joined: CaseListRow | CaseRow, locale: Locale): string {
    const shop = this.d.shop();
    const tz = shop.clock.timeZone;
    const j = joined as Partial<CaseListRow>;
    const vars: CaseVars = {
      name: j.contact_name ?? j.push_name ?? '',
      case_number: r.number,
      status: STATUS_LABELS[locale][r.status as CaseStatus] ?? r.status,
      promised_at: formatWhen(r.promised_at, tz, locale),
      pickup_until: formatWhen(r.pickup_until, tz, locale),
      appointment_at: formatWhen(r.appointment_at, tz, locale),
      tracking_link: trackingLink(r.carrier as Carrier | null, r.tracking_number, locale) ?? '',
      shop: shop.name,
      opening_hours: formatOpeningHours(shop.clock.hours, locale),
    };
    const texts = this.d.settings.get().templates[key];
    const template = texts?.[locale] ?? DEFAULT_CASE_TEMPLATES[locale][key] ?? '{case_number}: {status}';
    return renderCaseTemplate(template, vars);
  }

  async renderLabel(row: CaseListRow, format: LabelFormat): Promise<Uint8Array> {
    const shop = this.d.shop();
    return renderReturnLabel({
      format,
      caseNumber: row.number,
      reference: row.reference,
      shopName: shop.name,
      shopAddress: shop.address,
      customerName: row.contact_name ?? row.push_name,
      customerPhone: row.phone,
      locale: this.d.locale(row.contact_id),
      createdAt: new Date(this.d.clock.now()),
    });
  }

  /** The label file, held in the media store until the caller has linked it (then released). */
  async storeLabel(row: CaseListRow): Promise<{ ref: StoredMediaRef; release: () => void }> {
    const pdf = Buffer.from(await this.renderLabel(row, 'a6'));
    const stored = await this.d.mediaStore.put(pdf, { mime: 'application/pdf' });
    return {
      ref: { sha256: stored.sha256, mime: stored.mime, size: stored.size, fileName: labelFileName(row.number) },
      release: stored.release,
    };
  }
}

import { randomInt } from 'node:crypto';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { ConsentSettings, Locale, StaffStartLink } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import { STAFF_CODE_TOKEN, tokens } from '../consent/keywords';
import { drawQr, startKeyword, waMeLink, winAnsiSafe } from '../onboarding';
import { formatInternational } from '../phone';

/** Settings row: staff code per profile id. */
const CODES_KEY = 'staff.startCodes';
/** Letters and digits that cannot be mistaken for each other when read aloud or typed (no I/L/O, 0/1). */
const LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const DIGITS = '23456789';

const TEXT: Record<Locale, { share: (shop: string, link: string) => string; why: string; title: string; scan: string; from: (name: string) => string }> = {
  de: {
    share: (shop, link) =>
      `Hallo! ${shop} hat jetzt eine eigene WhatsApp-Nummer für Ihre Anfragen, Reparaturen und Abholungen. ` +
      `Bitte schreiben Sie uns künftig dort – einfach diesen Link öffnen und die vorbereitete Nachricht senden: ${link}`,
    why: 'Wir nutzen jetzt eine eigene Geschäftsnummer, damit Ihre Anfragen nicht auf privaten Handys liegen und immer jemand antwortet.',
    title: 'Schreiben Sie uns auf WhatsApp',
    scan: 'QR-Code scannen und die vorbereitete Nachricht senden.',
    from: (name) => `Ihr Ansprechpartner: ${name}`,
  },
  en: {
    share: (shop, link) =>
      `Hello! ${shop} now has its own WhatsApp number for your requests, repairs and pickups. ` +
      `Please write to us there from now on – just open this link and send the prepared message: ${link}`,
    why: 'We now use a separate business number so your requests are not kept on private phones and someone always answers.',
    title: 'Chat with us on WhatsApp',
    scan: 'Scan the QR code and send the prepared message.',
    from: (name) => `Your contact: ${name}`,
  },
};

/**
 * Staff start links: each profile's own wa.me link with "START <code>". A
 * customer who writes it is a new contact like any other (the consent
 * request follows; nothing is carried over), and the new conversation is
 * assigned to that employee.
 */
export class StaffLinks {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly settings: () => ConsentSettings,
  ) {}

  /** The profile's code, created on first use. */
  code(profileId: number): string {
    if (!this.store.profiles.byId(profileId)) throw new ApiError('not_found', 'profile not found', { field: 'profileId' });
    const codes = this.codes();
    const known = codes[String(profileId)];
    if (known) return known;
    const taken = new Set(Object.values(codes));
    let code: string;
    do {
      code = `${LETTERS[randomInt(LETTERS.length)]}${DIGITS[randomInt(DIGITS.length)]}${LETTERS[randomInt(LETTERS.length)]}`;
    } while (taken.has(code));
    this.store.settings.set(CODES_KEY, { ...codes, [String(profileId)]: code }, this.clock.now());
    return code;
  }

  async link(profileId: number, locale?: Locale): Promise<StaffStartLink> {
    const settings = this.settings();
    const code = this.code(profileId);
    const text = `${startKeyword(settings)} ${code}`;
    const link = `${waMeLink(settings).split('?')[0]}?text=${encodeURIComponent(text)}`;
    const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const shop = settings.shop.name || (locale === 'en' ? 'Our shop' : 'Unser Geschäft');
    return { profileId, code, text, link, svg, share: TEXT[locale ?? settings.customerLocale].share(shop, link) };
  }

  /** Which profile a customer's first message names: "START A7K" (any start keyword, any case). */
  profileFor(body: string): number | null {
    const t = tokens(body);
    if (t.length !== 2 || !STAFF_CODE_TOKEN.test(t[1]!)) return null;
    const code = t[1]!.toUpperCase();
    const entry = Object.entries(this.codes()).find(([, c]) => c === code);
    if (!entry) return null;
    const id = Number(entry[0]);
    return this.store.profiles.byId(id) ? id : null;
  }

  /** Called for the first message of a new contact, inside its transaction. */
  assignFromStart(conversationId: number, body: string): void {
    const profileId = this.profileFor(body);
    if (profileId !== null) this.store.inbox.setAssignee(conversationId, profileId);
  }

  /** A card the size of a business card (85 × 55 mm): QR, the employee's name, the shop's number, why a separate line. */
  async card(profileId: number, locale?: Locale): Promise<{ fileName: string; pdfBase64: string }> {
    const settings = this.settings();
    const lang = locale ?? settings.customerLocale;
    const profile = this.store.profiles.byId(profileId);
    if (!profile) throw new ApiError('not_found', 'profile not found', { field: 'profileId' });
    const { link } = await this.link(profileId, lang);
    const texts = TEXT[lang];
    const mm = 72 / 25.4;
    const doc = await PDFDocument.create();
    doc.setTitle(`${settings.shop.name || 'Tresen'} – ${profile.name}`);
    doc.setCreator('Tresen');
    const page = doc.addPage([85 * mm, 55 * mm]);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const qrBox = 38 * mm;
    drawQr(page, link, page.getWidth() - qrBox - 3 * mm, (55 * mm - qrBox) / 2 + 2 * mm, qrBox);
    const left = 4 * mm;
    const width = page.getWidth() - qrBox - 9 * mm;
    const draw = (text: string, y: number, size: number, font = regular) => {
      page.drawText(winAnsiSafe(font, text), { x: left, y, size, font, color: rgb(0.1, 0.1, 0.1), maxWidth: width, lineHeight: size + 1.5 });
    };
    draw(settings.shop.name || 'Tresen', 55 * mm - 9 * mm, 9, bold);
    // The title may take two lines; everything below leaves room for that.
    draw(texts.title, 55 * mm - 14 * mm, 6.5, bold);
    draw(formatInternational(settings.shop.phone), 55 * mm - 21.5 * mm, 8, bold);
    draw(texts.from(profile.name), 55 * mm - 26 * mm, 6.5);
    draw(texts.scan, 55 * mm - 30.5 * mm, 5.5);
    // The one sentence why: wrapped by pdf-lib within the text column.
    draw(texts.why, 14 * mm, 5.2);
    const bytes = await doc.save();
    const safe = profile.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || String(profile.id);
    return { fileName: `tresen-karte-${safe}.pdf`, pdfBase64: Buffer.from(bytes).toString('base64') };
  }

  private codes(): Record<string, string> {
    return this.store.settings.get<Record<string, string>>(CODES_KEY) ?? {};
  }
}

/**
 * The benchmark's deterministic dataset: the same seed gives the same
 * contacts and messages on every machine. German names and text with
 * umlauts, German mobile numbers, mixed message types; one customer writes
 * a tenth of all messages (the long conversation the open/older-page
 * figures read).
 */
import type { InboundMessage, MessageType } from '../main/core/channel';
import { CASE_STATUSES, CASE_TYPES } from '../main/contract/constants';
import type { CaseCreateInput } from '../main/contract/cases';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST = ['Jürgen', 'Anna', 'Björn', 'Clara', 'Deniz', 'Özlem', 'Emil', 'Fatma', 'Günther', 'Hanna', 'Jörg', 'Käthe', 'Lukas', 'Mia', 'Sören', 'Zoë'];
export const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Großmann', 'Köhler', 'Bäcker', 'Öztürk', 'Jäger', 'Weiß'];
const PREFIXES = ['151', '152', '160', '170', '171', '172', '175', '176', '177', '179'];
const WORDS = [
  'Fahrrad', 'Reparatur', 'Abholung', 'Paket', 'Rechnung', 'Termin', 'Kette', 'Bremse', 'Schlauch', 'Licht',
  'Rückgabe', 'Größe', 'übermorgen', 'Grüße', 'Straße', 'Gepäckträger', 'Lieferung', 'Bestellung', 'Öffnungszeiten', 'Ersatzteil',
];
const OPENERS = ['Hallo', 'Guten Tag', 'Moin', 'Servus', 'Hi'];
const TAILS = ['Danke!', 'Viele Grüße', 'Bis später', 'Schönen Tag noch', 'LG'];

export interface Contact {
  phone: string;
  name: string;
}

export function contactOf(i: number): Contact {
  const prefix = PREFIXES[i % PREFIXES.length]!;
  const rest = String(1_000_000 + ((i * 7_919) % 9_000_000)).padStart(7, '0');
  return {
    phone: `+49${prefix}${rest}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
  };
}

/** Generates message i of the stream; stateful (who has written before, who confirms). */
export class Dataset {
  private readonly random: () => number;
  /** How many messages each contact has sent so far. */
  private readonly sent: Uint32Array;
  readonly t0 = Date.parse('2026-01-05T08:00:00Z');

  constructor(
    readonly contacts: number,
    seed = 16,
  ) {
    this.random = rng(seed);
    this.sent = new Uint32Array(contacts);
  }

  /** The customer behind a tenth of all messages (index 0). */
  static readonly BIG = 0;

  bigPhone(): string {
    return contactOf(Dataset.BIG).phone;
  }

  next(i: number): { msg: InboundMessage; contact: number } {
    const r = this.random;
    const c = r() < 0.1 ? Dataset.BIG : 1 + Math.floor(r() * (this.contacts - 1));
    const n = this.sent[c]!++;
    const who = contactOf(c);
    let type: MessageType = 'text';
    let body: string;
    // The second message confirms the consent request (nine in ten customers do).
    if (n === 1 && c % 10 !== 9) body = 'JA';
    else {
      const x = r();
      if (x < 0.8) body = this.sentence(r, i);
      else if (x < 0.88) {
        type = 'image';
        body = r() < 0.5 ? `Foto vom ${WORDS[Math.floor(r() * WORDS.length)]}` : '';
      } else if (x < 0.93) {
        type = 'voice';
        body = '';
      } else if (x < 0.97) {
        type = 'document';
        body = `Rechnung-${1000 + (i % 9000)}.pdf`;
      } else {
        type = 'location';
        body = 'Standort';
      }
    }
    const digits = who.phone.slice(1);
    return {
      contact: c,
      msg: {
        externalId: `bench-${i}`,
        from: { phone: who.phone, chatId: `${digits}@c.us`, pushName: who.name },
        type,
        body,
        sentAt: this.t0 + i * 1000,
      },
    };
  }

  private sentence(r: () => number, i: number): string {
    const w = () => WORDS[Math.floor(r() * WORDS.length)]!;
    const parts = [OPENERS[Math.floor(r() * OPENERS.length)]!, `wegen ${w()} und ${w()}:`];
    const k = 1 + Math.floor(r() * 3);
    for (let j = 0; j < k; j++) parts.push(`die ${w()} für Auftrag ${10_000 + ((i * 31 + j) % 90_000)} ist ${r() < 0.5 ? 'fertig' : 'noch offen'}.`);
    if (r() < 0.1) parts.push(`Rückruf bitte unter 0${PREFIXES[Math.floor(r() * PREFIXES.length)]} ${1_000_000 + Math.floor(r() * 8_999_999)}.`);
    parts.push(TAILS[Math.floor(r() * TAILS.length)]!);
    return parts.join(' ');
  }
}

/** 200 mixed search queries: names in several spellings, German number forms, words with umlauts. */
export function searchQueries(contacts: number, count = 200): string[] {
  const r = rng(4242);
  const out: string[] = [];
  const kinds = [
    () => LAST[Math.floor(r() * LAST.length)]!,
    () => FIRST[Math.floor(r() * FIRST.length)]!,
    () => ['Mueller', 'muller', 'Groszmann', 'Grossmann', 'Koehler', 'Baecker', 'Oeztuerk', 'Jaeger', 'Weiss', 'Juergen', 'Soeren'][Math.floor(r() * 11)]!,
    () => {
      const p = contactOf(Math.floor(r() * contacts)).phone; // +49171…
      const national = `0${p.slice(3)}`;
      const forms = [
        `${national.slice(0, 4)} ${national.slice(4, 7)}`, // 0171 123
        `+49 ${p.slice(3, 6)} ${p.slice(6, 9)}`, // +49 171 123
        `0049${p.slice(3, 9)}`,
        `${national.slice(0, 4)}/${national.slice(4)}`,
      ];
      return forms[Math.floor(r() * forms.length)]!;
    },
    () => WORDS[Math.floor(r() * WORDS.length)]!,
    () => ['Rueckgabe', 'groesse', 'uebermorgen', 'Strasse', 'gepaecktraeger', 'oeffnungszeiten'][Math.floor(r() * 6)]!,
    () => `Auftrag ${10_000 + Math.floor(r() * 90_000)}`,
  ];
  for (let i = 0; i < count; i++) out.push(kinds[i % kinds.length]!());
  return out;
}

const CASE_ITEMS = ['Trekkingrad', 'E-Bike', 'Kinderrad', 'Rennrad', 'Lastenrad', 'Helm', 'Akku', 'Fahrradschloss', 'Gepäckträger', 'Schaltwerk'];
const CASE_WORK = ['Inspektion', 'Bremsen einstellen', 'Schlauch wechseln', 'Kette und Ritzel', 'Speiche gebrochen', 'Lichtanlage prüfen', 'Größe tauschen', 'Rücksendung'];

/**
 * Case i of the dataset's service cases: every type in turn, for customers
 * spread over the book (also ones who never write), German titles and order
 * references, the fields each type carries, and a status along the type's
 * way (about a third at its last step, closed). Dates lie in February 2026,
 * after the dataset's clock at the start.
 */
export function caseOf(i: number, contacts: number): CaseCreateInput {
  const type = CASE_TYPES[i % CASE_TYPES.length]!;
  const statuses = CASE_STATUSES[type];
  const status = statuses[(i * 7 + Math.floor(i / CASE_TYPES.length)) % statuses.length]!;
  const day = String(1 + (i % 27)).padStart(2, '0');
  const fields: Partial<CaseCreateInput> =
    type === 'repair' ? { promisedAt: `2026-02-${day}` }
    : type === 'pickup' ? { pickupUntil: `2026-02-${day}` }
    : type === 'parcel' || type === 'return' ? { carrier: (['dhl', 'hermes', 'dpd', 'gls', 'ups'] as const)[i % 5]!, trackingNumber: `JJD${String(100_000_000 + i * 7_919)}` }
    : type === 'appointment' ? { appointmentAt: `2026-02-${day}T${String(9 + (i % 9)).padStart(2, '0')}:30:00+01:00` }
    : {};
  return {
    type,
    status,
    phone: contactOf((i * 7_907) % contacts).phone,
    title: `${CASE_ITEMS[i % CASE_ITEMS.length]}: ${CASE_WORK[Math.floor(i / CASE_ITEMS.length) % CASE_WORK.length]}`,
    reference: `Auftrag ${10_000 + ((i * 31) % 90_000)}`,
    ...fields,
  };
}

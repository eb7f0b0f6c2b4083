import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsentEventView, ContactSummary } from '@contract';
import { ConsentBadge } from '../../../renderer/src/features/consent/ConsentBadge';
import { ConsentHistoryList } from '../../../renderer/src/features/consent/ConsentHistoryList';
import { LockedComposer } from '../../../renderer/src/features/consent/LockedComposer';
import { de } from '../../../renderer/src/i18n/de';
import { en } from '../../../renderer/src/i18n/en';

let i18n: I18n;

beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: {
      de: { translation: de },
      en: { translation: en },
    },
    lng: 'de',
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

const html = (el: ReactElement, lng = 'de'): string => {
  // Resources are in memory, so the switch is immediate.
  void i18n.changeLanguage(lng);
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{el}</I18nextProvider>);
};
const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const attr = (markup: string, name: string): string[] =>
  [...markup.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => unescape(m[1]!));

const consent = (over: Partial<ContactSummary['consent']> = {}): ContactSummary['consent'] => ({
  service: 'none',
  marketing: 'none',
  serviceSince: null,
  marketingSince: null,
  ...over,
});

const contact = (over: Partial<ContactSummary> = {}): ContactSummary => ({
  id: 7,
  phone: '+4915112345678',
  name: null,
  pushName: null,
  consent: consent(),
  quarantined: 0,
  quarantinedSince: null,
  status: 'open',
  unread: 0,
  lastMessageAt: null,
  lastMessagePreview: null,
  lastMessageType: null,
  createdAt: '2026-03-01T09:00:00Z',
  ...over,
});

const ev = (id: number, over: Partial<ConsentEventView>): ConsentEventView => ({
  id,
  contactId: 7,
  purpose: 'service',
  from: 'none',
  to: 'requested',
  trigger: { kind: 'message', ref: 'wamid.ABC' },
  policyVersion: 2,
  policyHash: 'f'.repeat(64),
  at: '2026-03-01T10:00:00Z',
  hash: '0123456789abcdef'.repeat(4),
  ...over,
});

describe('ConsentBadge', () => {
  it('shows text and a kind for each state, never colour alone', () => {
    const cases: [ContactSummary['consent'], string, string][] = [
      [consent(), 'none', 'Keine Einwilligung'],
      [consent({ service: 'requested' }), 'requested', 'Angefragt'],
      [consent({ service: 'granted' }), 'service', 'Service'],
      [consent({ service: 'granted', marketing: 'granted' }), 'serviceMarketing', 'Service + Werbung'],
      [consent({ service: 'revoked' }), 'revoked', 'Widerrufen'],
      [consent({ service: 'expired' }), 'expired', 'Abgelaufen'],
    ];
    for (const [c, kind, text] of cases) {
      const out = html(<ConsentBadge consent={c} />);
      expect(attr(out, 'data-kind')).toEqual([kind]);
      expect(out).toContain(text);
    }
  });

  it('says when and how in the tooltip once the proof is known', () => {
    const events = [
      ev(1, {}),
      ev(2, { from: 'requested', to: 'granted', at: '2026-03-01T10:05:00Z' }),
      ev(3, { purpose: 'marketing', from: 'none', to: 'granted', trigger: { kind: 'import', ref: 'Kundenkarte, 2024-03-01' } }),
    ];
    const out = html(
      <ConsentBadge
        consent={consent({ service: 'granted', serviceSince: '2026-03-01T10:05:00Z', marketing: 'granted', marketingSince: '2026-03-01T11:00:00Z' })}
        events={events}
      />,
    );
    const [title] = attr(out, 'title');
    expect(title).toContain('Service');
    expect(title).toMatch(/01\.03\.2026|1\. März 2026|Mar 1, 2026/);
    expect(title).toContain('Service: durch Nachricht des Kunden');
    expect(title).toContain('Werbung: durch Import (Kundenkarte, 2024-03-01)');
  });

  it('is a button only where it opens the proof', () => {
    expect(html(<ConsentBadge consent={consent()} />)).not.toContain('<button');
    expect(html(<ConsentBadge consent={consent()} onClick={() => undefined} />)).toContain('<button');
  });
});

describe('ConsentHistoryList', () => {
  it('lists events newest first with purpose, change, trigger, policy version and short hash', () => {
    const out = html(
      <ConsentHistoryList
        events={[
          ev(1, {}),
          ev(2, { from: 'requested', to: 'granted' }),
          ev(3, { from: 'granted', to: 'revoked', trigger: { kind: 'message', ref: 'wamid.STOP' }, policyVersion: null, policyHash: null }),
          ev(4, { purpose: 'marketing', from: 'requested', to: 'expired', trigger: { kind: 'expiry', ref: null } }),
        ]}
      />,
    );
    expect(attr(out, 'data-to')).toEqual(['expired', 'revoked', 'granted', 'requested']);
    expect(out).toContain('Kundennachricht (ID wamid.STOP)');
    expect(out).toContain('Ablauf');
    expect(out).toContain('Version 2');
    expect(out).toContain('0123456789');
    expect(out).toContain('Werbung');
    // The full hash stays available in the tooltip for the proof.
    expect(attr(out, 'title')).toContain('0123456789abcdef'.repeat(4));
  });

  it('explains an empty history and offers no way to grant consent', () => {
    const out = html(<ConsentHistoryList events={[]} />);
    expect(out).toContain('consent-history-empty');
    expect(out).not.toContain('<button');
  });

  it('renders customer-controlled references as text, not markup', () => {
    const out = html(<ConsentHistoryList events={[ev(1, { trigger: { kind: 'import', ref: '<img src=x onerror=alert(1)>' } })]} />);
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img');
  });
});

describe('LockedComposer', () => {
  it('is disabled and says why, with the date', () => {
    const c = contact({ consent: consent({ service: 'revoked', serviceSince: '2026-03-02T08:00:00Z' }) });
    const out = html(<LockedComposer contact={c} lock={{ kind: 'revoked', since: '2026-03-02T08:00:00Z' }} />);
    expect(out).toMatch(/<textarea[^>]*disabled/);
    expect(out).toMatch(/<button[^>]*disabled/);
    expect(out).toContain('Der Kunde hat am');
    expect(out).toMatch(/02\.03\.2026|2\. März 2026/);
  });

  it('speaks English when staff chose it', () => {
    const out = html(<LockedComposer contact={contact()} lock={{ kind: 'requested', since: null }} />, 'en');
    expect(out).toContain('Waiting for consent.');
  });
});

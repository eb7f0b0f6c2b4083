import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CaseType } from '../../../../main/contract/cases';
import { formatWhen } from '../../../../main/core/cases/shop';
import { DEFAULT_HOURS, formatOpeningHours, parseOpeningHours } from '../../../../main/core/cases/shop-time';
import {
  DEFAULT_CASE_TEMPLATES,
  renderCaseTemplate,
  STATUS_LABELS,
  templateKeys,
  unknownVariables,
} from '../../../../main/core/cases/templates';
import { trackingLink } from '../../../../main/core/cases/tracking';

describe('case message templates', () => {
  it('fills every variable and leaves unknown braces as they are', () => {
    const text = renderCaseTemplate('Hallo {name}, {case_number} ist {status}. {tracking_link} {other}', {
      name: 'Jörg',
      case_number: 'REP-2026-0042',
      status: 'abholbereit',
      tracking_link: 'https://x.test/1',
    });
    expect(text).toBe('Hallo Jörg, REP-2026-0042 ist abholbereit. https://x.test/1 {other}');
  });

  it('an empty name leaves a readable sentence', () => {
    expect(renderCaseTemplate('Hallo {name}, Ihre Reparatur {case_number} ist fertig. {shop}', { name: '', case_number: 'REP-2026-0001', shop: '' })).toBe(
      'Hallo, Ihre Reparatur REP-2026-0001 ist fertig.',
    );
  });

  it('has a German and an English text for every status of every type, using only known variables', () => {
    for (const type of CaseType.options) {
      for (const status of CASE_STATUSES[type]) {
        for (const locale of ['de', 'en'] as const) {
          const t = DEFAULT_CASE_TEMPLATES[locale][`${type}.${status}`];
          expect(t, `${locale} ${type}.${status}`).toBeTruthy();
          expect(unknownVariables(t!)).toEqual([]);
          expect(t).toContain('{');
        }
        expect(STATUS_LABELS.de[status]).toBeTruthy();
        expect(STATUS_LABELS.en[status]).toBeTruthy();
      }
    }
    expect(templateKeys()).toContain('appointment.reminder');
    expect(unknownVariables('{name} {kunde}')).toEqual(['kunde']);
  });

  it('formats dates in the shop time zone, an end-of-day date without a time', () => {
    expect(formatWhen(Date.UTC(2026, 11, 2, 14, 0), 'Europe/Berlin', 'de')).toBe('Mittwoch, 2. Dezember 2026, 15:00 Uhr');
    expect(formatWhen(Date.UTC(2026, 11, 2, 22, 59, 59, 999), 'Europe/Berlin', 'de')).toBe('Mittwoch, 2. Dezember 2026');
    expect(formatWhen(Date.UTC(2026, 6, 2, 13, 0), 'Europe/Berlin', 'en')).toBe('Thursday 2 July 2026, 15:00');
    expect(formatWhen(null, 'Europe/Berlin', 'de')).toBe('');
  });

  it('formats opening hours, grouping equal days', () => {
    expect(formatOpeningHours(DEFAULT_HOURS, 'de')).toBe('Mo–Fr 09:00–18:00, Sa 10:00–14:00');
    expect(formatOpeningHours(parseOpeningHours({ mon: [{ open: '10:00', close: '13:00' }, { open: '14:00', close: '19:00' }], sat: ['10:00', '14:00'] }), 'en')).toBe(
      'Mon 10:00–13:00, 14:00–19:00, Sat 10:00–14:00',
    );
    expect(parseOpeningHours('nonsense')).toBe(DEFAULT_HOURS);
  });
});

describe('tracking links', () => {
  it.each([
    ['dhl', 'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890'],
    ['hermes', 'https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#00340434161234567890'],
    ['dpd', 'https://tracking.dpd.de/status/de_DE/parcel/00340434161234567890'],
    ['gls', 'https://gls-group.com/DE/de/paketverfolgung?match=00340434161234567890'],
    ['ups', 'https://www.ups.com/track?loc=de_DE&tracknum=00340434161234567890'],
  ] as const)('%s', (carrier, url) => {
    expect(trackingLink(carrier, '00340434161234567890')).toBe(url);
  });

  it('gives nothing without a carrier or number, and never builds a link from junk', () => {
    expect(trackingLink(null, '123456')).toBeNull();
    expect(trackingLink('dhl', null)).toBeNull();
    expect(trackingLink('dhl', '12"><script>')).toBeNull();
    expect(trackingLink('ups', '1Z999AA10123456784', 'en')).toBe('https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784');
  });
});

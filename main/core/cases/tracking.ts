import type { Carrier } from '../../contract/cases';
import type { Locale } from '../../contract/locales';

const LINKS: Record<Carrier, (n: string, locale: Locale) => string> = {
  dhl: (n, l) => `https://www.dhl.de/${l}/privatkunden/pakete-empfangen/verfolgen.html?piececode=${n}`,
  hermes: (n) => `https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#${n}`,
  dpd: (n, l) => `https://tracking.dpd.de/status/${l === 'de' ? 'de_DE' : 'en_US'}/parcel/${n}`,
  gls: (n, l) => `https://gls-group.com/DE/${l}/paketverfolgung?match=${n}`,
  ups: (n, l) => `https://www.ups.com/track?loc=${l === 'de' ? 'de_DE' : 'en_US'}&tracknum=${n}`,
};

/** The carrier's public tracking page for a tracking number; null when either is missing. */
export function trackingLink(carrier: Carrier | null, trackingNumber: string | null, locale: Locale = 'de'): string | null {
  if (!carrier || !trackingNumber) return null;
  const n = trackingNumber.trim();
  if (!/^[A-Za-z0-9-]{4,40}$/.test(n)) return null;
  return LINKS[carrier](encodeURIComponent(n), locale);
}

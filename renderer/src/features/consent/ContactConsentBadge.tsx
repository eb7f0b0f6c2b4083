import type { ContactSummary } from '@contract';
import { ConsentBadge } from './ConsentBadge';
import { useConsentHistory } from './history-store';

/**
 * The badge in a contact list row. Rows never fetch (hundreds of them);
 * when the proof is already cached from an opened conversation, the tooltip
 * also says how consent came about.
 */
export function ContactConsentBadge({ contact }: { contact: Pick<ContactSummary, 'id' | 'consent'> }) {
  const events = useConsentHistory((s) => s.byContact[contact.id]?.events);
  return <ConsentBadge consent={contact.consent} events={events} />;
}

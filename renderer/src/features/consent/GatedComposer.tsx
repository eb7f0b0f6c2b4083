import type { ContactSummary } from '@contract';
import { Composer } from '../conversation/Composer';
import { composerLock } from './consent-ui';
import { LockedComposer } from './LockedComposer';

/**
 * The composer behind the consent rules: locked with the reason while the
 * customer lacks service consent. A refusal that main's gate still returns
 * (e.g. consent revoked a moment ago) is shown by the composer itself.
 */
export function GatedComposer({ contact }: { contact: ContactSummary }) {
  const lock = composerLock(contact);
  if (lock) return <LockedComposer contact={contact} lock={lock} />;
  return <Composer key={contact.id} contact={contact} />;
}

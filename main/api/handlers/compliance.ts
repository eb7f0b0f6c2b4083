import type { AppContext } from '../../app-context';
import type { Handlers } from '../router';

type ComplianceHandlers = Pick<
  Handlers,
  | 'compliance.exportContactsCsv'
  | 'compliance.exportContact'
  | 'compliance.erase'
  | 'compliance.contact'
  | 'compliance.setLegalHold'
  | 'retention.get'
  | 'retention.update'
  | 'retention.preview'
  | 'retention.run'
>;

/** Exports, erasure, legal hold and retention (manager-only; the contract says so). */
export function complianceHandlers(ctx: AppContext): ComplianceHandlers {
  const c = ctx.compliance;
  return {
    'compliance.exportContactsCsv': ({ purpose, fields }) => c.contactsCsv(purpose, fields),
    'compliance.exportContact': async ({ contactId }) => {
      const out = await c.accessExport(contactId);
      return { fileName: out.fileName, base64: out.zip.toString('base64'), bytes: out.zip.length };
    },
    'compliance.erase': ({ contactId }) => c.erasure.eraseContact(contactId, { tombstone: true }),
    'compliance.contact': ({ contactId }) => c.contactView(contactId),
    'compliance.setLegalHold': ({ contactId, hold, reason }) => c.setLegalHold(contactId, hold, reason ?? null),
    'retention.get': () => c.retention.settings(),
    'retention.update': ({ patch }) => c.retention.update(patch),
    'retention.preview': () => c.retention.preview(),
    'retention.run': () => c.retention.run(),
  };
}

import type { Handlers } from '../router';
import { ApiError } from '../../contract/errors';
import type { AppContext } from '../../app-context';
import type { ConsentEngine } from '../../core/consent/engine';
import { importConsentCsv } from '../../core/consent/import';
import { proofPdf } from '../../core/consent/proof-pdf';
import { onboardingPoster, onboardingQr } from '../../core/onboarding';
import type { TemplateRow } from '../../store/consent-repo';
import type { TemplateView } from '../../contract';
import { addTemplateVersion } from '../../core/consent/template-versions';

type ConsentHandlers = Pick<
  Handlers,
  | 'consent.history'
  | 'consent.verify'
  | 'consent.import'
  | 'onboarding.qr'
  | 'onboarding.poster'
  | 'settings.get'
  | 'settings.update'
  | 'templates.list'
  | 'templates.update'
  | 'consent.recordRevocation'
  | 'consent.setLocale'
  | 'consent.proofPdf'
>;

const toTemplateView = (t: TemplateRow): TemplateView => ({
  key: t.key,
  locale: t.locale,
  version: t.version,
  text: t.text,
  sha256: t.sha256,
  createdAt: new Date(t.created_at).toISOString(),
});

/** Consent proof, import, onboarding and settings. There is deliberately no method that grants consent. */
export function consentHandlers(ctx: AppContext, engine: ConsentEngine): ConsentHandlers {
  return {
    'consent.history': ({ contactId }) => {
      if (!ctx.store.contacts.byId(contactId)) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      return engine.history(contactId);
    },
    'consent.verify': () => engine.verify(),
    // Who imported: the window's profile when it has one (main knows it), else the name sent.
    'consent.import': ({ csv, recordedBy, fileName }, session) =>
      importConsentCsv(
        csv,
        ctx.store,
        engine,
        ctx.clock,
        { recordedBy: ctx.profiles.current(session)?.name ?? recordedBy ?? 'Mitarbeiter', fileName: fileName ?? null, refuse: ctx.compliance.importRefusal },
        ctx.bus,
      ),
    'onboarding.qr': () => onboardingQr(engine.settings()),
    'onboarding.poster': ({ locale }) => {
      const settings = engine.settings();
      return onboardingPoster(settings, locale ?? settings.customerLocale);
    },
    'settings.get': () => engine.settings(),
    'settings.update': ({ patch }) => engine.updateSettings(patch),
    'templates.list': ({ includeHistory }) => engine.repo.templates(includeHistory ?? false).map(toTemplateView),
    'templates.update': ({ key, locale, text }) => toTemplateView(addTemplateVersion(engine.repo, key, locale, text, ctx.clock.now())),
    'consent.recordRevocation': ({ contactId, method, at, recordedBy, note }) => {
      if (!ctx.store.contacts.byId(contactId)) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      return engine.recordStaffRevocation(contactId, {
        method,
        at: at === undefined ? ctx.clock.now() : Date.parse(at),
        actorProfileId: null,
        actorName: recordedBy,
        note: note && note !== '' ? note : null,
      });
    },
    'consent.setLocale': ({ contactId, locale }) => {
      if (!ctx.store.contacts.byId(contactId)) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      engine.setLocale(contactId, locale);
      return { contactId, locale };
    },
    'consent.proofPdf': async ({ contactId }) => {
      const contact = ctx.store.contacts.byId(contactId);
      if (!contact) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
      const settings = engine.settings();
      const bytes = await proofPdf({
        shopName: settings.shop.name,
        contact: { phone: contact.phone, name: contact.name },
        events: engine.history(contactId),
        chain: engine.verify(),
        generatedAt: new Date(ctx.clock.now()),
        timeZone: settings.shop.timeZone,
        locale: settings.customerLocale,
      });
      return { fileName: `nachweis-${contact.phone.replace(/\D/g, '')}.pdf`, pdfBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}

import type { Handlers } from '../router';
import { ApiError } from '../../contract/errors';
import type { AppContext } from '../../app-context';
import type { ConsentEngine } from '../../core/consent/engine';
import { importConsentCsv } from '../../core/consent/import';
import { onboardingPoster, onboardingQr } from '../../core/onboarding';
import type { TemplateRow } from '../../store/consent-repo';
import type { TemplateView } from '../../contract';

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
      if (!ctx.store.contacts.byId(contactId)) throw new ApiError('not_found', 'Kontakt nicht gefunden.', { field: 'contactId' });
      return engine.history(contactId);
    },
    'consent.verify': () => engine.verify(),
    'consent.import': ({ csv }) => {
      const before = new Set(ctx.store.contacts.list({ limit: 1_000_000 }).map((c) => c.id));
      const result = importConsentCsv(csv, ctx.store, engine, ctx.clock.now());
      for (const c of ctx.store.contacts.list({ limit: 1_000_000 })) {
        if (!before.has(c.id)) ctx.messaging.emitContact(c.id);
      }
      return result;
    },
    'onboarding.qr': () => onboardingQr(engine.settings()),
    'onboarding.poster': ({ locale }) => {
      const settings = engine.settings();
      return onboardingPoster(settings, locale ?? settings.customerLocale);
    },
    'settings.get': () => engine.settings(),
    'settings.update': ({ patch }) => engine.updateSettings(patch),
    'templates.list': ({ includeHistory }) => engine.templates(includeHistory ?? false).map(toTemplateView),
    'templates.update': ({ key, locale, text }) => toTemplateView(engine.updateTemplate(key, locale, text)),
  };
}

import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useContacts } from '../../store/contacts';
import { initialOnboarding, useOnboarding } from './onboarding-store';
import { base64ToBytes, isNewArrival, phoneFromWaLink, safeFileName, svgDataUrl } from './onboarding-ui';
import { downloadBytes } from '../../lib/download';


/** The onboarding screen's actions: components read useOnboarding and call these. */
export function createOnboardingActions(client: ApiClient) {
  let session = 0;
  return {
    /** The screen opened: load the QR and the shop's details, watch for the customer. Returns the stop function. */
    open(): () => void {
      const mine = ++session;
      const live = () => session === mine;
      const openedAt = Date.now();
      const known = new Set(useContacts.getState().list.map((c) => c.id));
      useOnboarding.setState(initialOnboarding);
      void (async () => {
        try {
          const { link, svg } = await client.call('onboarding.qr', {});
          if (!live()) return;
          useOnboarding.setState((s) => ({ qr: { state: 'ready', src: svgDataUrl(svg), link }, shopPhone: s.shopPhone ?? phoneFromWaLink(link) }));
        } catch (err) {
          if (live()) useOnboarding.setState({ qr: { state: 'failed', error: toApiError(err) } });
        }
      })();
      void (async () => {
        try {
          const s = await client.call('settings.get', {});
          if (!live()) return;
          useOnboarding.setState((o) => ({ shopPhone: s.shop.phone || o.shopPhone, privacyUrl: s.shop.privacyUrl }));
        } catch {
          // The number then comes from the QR link; nothing else depends on it.
        }
      })();
      // The newest customer who wrote since the screen opened; later updates refresh their state.
      const off = client.on('contact.updated', (c) => {
        if (!live()) return;
        const current = useOnboarding.getState().arrival;
        if (current && current.id === c.id) useOnboarding.setState({ arrival: c });
        else if (isNewArrival(c, openedAt, known)) useOnboarding.setState({ arrival: c });
      });
      return () => {
        off();
        if (live()) session++;
      };
    },

    async printPoster(): Promise<void> {
      useOnboarding.setState({ poster: { state: 'busy' } });
      try {
        const { fileName, pdfBase64 } = await client.call('onboarding.poster', {});
        const name = safeFileName(fileName, 'tresen-poster.pdf');
        downloadBytes(name, base64ToBytes(pdfBase64), 'application/pdf');
        useOnboarding.setState({ poster: { state: 'done', fileName: name } });
      } catch (err) {
        useOnboarding.setState({ poster: { state: 'failed', error: toApiError(err) } });
      }
    },
  };
}

export const onboardingActions = createOnboardingActions(api);

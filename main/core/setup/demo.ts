import type { SimulatorCapability } from '../channel';

/** A small photo (24 × 24 PNG) for the customer who sends a picture of the part they need. */
const PHOTO_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAO0lEQVR4nGPQqLBBQ88wEDFqGEYNoqNB5GnDVDNqED0NomI6OoGGnmEgYtSMGkSEQeRpw1QzahAdDQIAaixVTr0aKvMAAAAASUVORK5CYII=';

type Step = string | { photo: string };

/** The guided demo's customers: what each writes, in order, through the simulator's real inbound path. */
export const DEMO_CUSTOMERS: readonly { phone: string; steps: readonly Step[] }[] = [
  // Waiting for a repair.
  { phone: '+4915730010001', steps: ['Guten Tag, ist meine Waschmaschine schon repariert? Auftrag 4711, Becker', 'JA'] },
  // Click & collect.
  { phone: '+4915730010002', steps: ['Hallo! Kann ich die Kaffeemühle online bestellen und morgen bei Ihnen abholen?', 'Ja gerne', 'Bis wann haben Sie morgen geöffnet?'] },
  // A photo of the part.
  { phone: '+4915730010003', steps: ['Hallo, ich brauche genau dieses Ersatzteil – haben Sie das?', 'JA', { photo: 'Das Teil, das ich brauche' }] },
  // Changes their mind.
  { phone: '+4915730010004', steps: ['Hallo, hier ist Wolf.', 'JA', 'STOP'] },
];

/**
 * Fills the demo with the customers above. Each message takes the real path
 * (commit, consent rules, quarantine, the consent request and confirmation),
 * so the demo shows exactly what a shop will see.
 */
export async function startDemo(sim: SimulatorCapability): Promise<number> {
  for (const customer of DEMO_CUSTOMERS) {
    for (const step of customer.steps) {
      if (typeof step === 'string') await sim.customerSends(customer.phone, step);
      else await sim.customerSends(customer.phone, { text: step.photo, media: { data: Buffer.from(PHOTO_PNG, 'base64'), mime: 'image/png', fileName: 'ersatzteil.png' } });
    }
  }
  return DEMO_CUSTOMERS.length;
}

import { create } from 'zustand';
import type { SimPhoneMessage } from '@contract';

export interface SimPhone {
  phone: string;
  messages: SimPhoneMessage[];
}

export interface SimState {
  phones: SimPhone[];
  /** The phone the panel shows; null = none chosen yet. */
  active: string | null;
  setPhones(phones: SimPhone[]): void;
  /** A sim.phone event: that phone's whole screen, replacing what was shown. */
  upsertPhone(phone: SimPhone): void;
  setActive(phone: string | null): void;
}

export const useSim = create<SimState>()((set) => ({
  phones: [],
  active: null,
  setPhones: (phones) => set({ phones }),
  upsertPhone: (phone) =>
    set((s) => {
      const i = s.phones.findIndex((p) => p.phone === phone.phone);
      if (i === -1) return { phones: [...s.phones, phone] };
      const phones = s.phones.slice();
      phones[i] = phone;
      return { phones };
    }),
  setActive: (active) => set({ active }),
}));

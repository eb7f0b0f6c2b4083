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
  /** A sim.phone.message event: one new item on a phone. */
  appendMessage(phone: string, message: SimPhoneMessage): void;
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
  appendMessage: (phone, message) =>
    set((s) => {
      const i = s.phones.findIndex((p) => p.phone === phone);
      if (i === -1) return { phones: [...s.phones, { phone, messages: [message] }] };
      const phones = s.phones.slice();
      phones[i] = { phone, messages: [...phones[i]!.messages, message] };
      return { phones };
    }),
  setActive: (active) => set({ active }),
}));

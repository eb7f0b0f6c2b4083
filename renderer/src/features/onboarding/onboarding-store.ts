import { create } from 'zustand';

/** Whether the counter onboarding (QR) screen is shown. */
export const useOnboardingView = create<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

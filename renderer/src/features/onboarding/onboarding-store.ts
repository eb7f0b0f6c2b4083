import { create } from 'zustand';
import type { ContactSummary } from '@contract';
import type { ApiError } from '@contract/errors';

export type Qr = { state: 'loading' } | { state: 'ready'; src: string; link: string } | { state: 'failed'; error: ApiError };
export type Poster = { state: 'idle' } | { state: 'busy' } | { state: 'done'; fileName: string } | { state: 'failed'; error: ApiError };

export interface OnboardingState {
  qr: Qr;
  shopPhone: string | null;
  privacyUrl: string;
  poster: Poster;
  /** The newest customer who wrote since the screen opened. */
  arrival: ContactSummary | null;
}

export const initialOnboarding: OnboardingState = { qr: { state: 'loading' }, shopPhone: null, privacyUrl: '', poster: { state: 'idle' }, arrival: null };

/** What the counter onboarding screen shows while it is open. */
export const useOnboarding = create<OnboardingState>()(() => initialOnboarding);

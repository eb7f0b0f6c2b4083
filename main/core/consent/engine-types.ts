import type { PolicyRef } from './ledger';

export interface ConsentEngineOptions {
  demo: boolean;
  /** How often the quarantine/expiry sweep runs. */
  sweepIntervalMs?: number;
  /** Whether an automatic assistant answers (the texts mention it only then). No bot exists yet. */
  botEnabled?: () => boolean;
}

/** A revocation staff recorded from a customer's word in person, by phone or by letter. */
export interface StaffRevocation {
  method: 'in_person' | 'phone' | 'letter';
  /** When the customer revoked (ms); not in the future. */
  at: number;
  /** The staff profile, once profiles exist; until then null and the typed name. */
  actorProfileId: number | null;
  actorName: string;
  note: string | null;
}


export type Policy = PolicyRef & { text: string };

/** What the customer said that moved their consent. */
export interface Said {
  /** The message id on the channel (chained as the trigger reference). */
  ref: string | null;
  /** What the customer wrote. */
  words: string | null;
}

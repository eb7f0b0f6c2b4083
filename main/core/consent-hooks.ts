import type { Purpose } from '../contract';
import type { InboundSender } from '../store/contacts-repo';
import type { MessageRow } from '../store/messages-repo';

/** Every outbound path names itself, so the gate can apply its purpose rules and exemptions. */
export type SendKind =
  | 'staff'
  | 'quick_reply'
  | 'bot'
  | 'notification'
  | 'announcement'
  | 'api'
  | 'consent_request'
  | 'consent_confirmation'
  | 'revocation_confirmation'
  | 'consent_clarify'
  | 'reopt_in_notice';

export type GateDecision = { allowed: true } | { allowed: false; reason: string; message: string };

export interface InboundContext {
  contact: InboundSender;
  message: MessageRow;
  isNewContact: boolean;
}

/**
 * What the messaging core asks of the consent rules. The core calls these at
 * the right moments; the rules themselves live in one place (core/consent).
 */
export interface ConsentHooks {
  /** Whether a new inbound message from this contact is held back from staff (quarantine). */
  holdsInbound(contactId: number): boolean;
  /** Runs inside the inbound transaction, after the message is stored: keywords, requests. */
  afterInbound(ctx: InboundContext): void;
  /**
   * The send gate: may a message of this purpose and kind go to this contact now?
   * `messageId` is set when an already queued message is checked again (outbox,
   * retry), so per-window limits do not count the message against itself.
   */
  gate(contactId: number, purpose: Purpose, kind: SendKind, messageId?: number): GateDecision;
}

import type { ConsentEventView, ConsentState, Purpose } from '../../contract';
import type { Clock } from '../../runtime';
import { verifyChain, type ChainProblem } from '../../store/consent-chain';
import type { ConsentEventDetails, ConsentEventRow, ConsentRepo } from '../../store/consent-repo';
import type { EventBus } from '../event-bus';
import { toEventView } from './event-view';
import { transition, type TriggerKind } from './state-machine';

/** The version and hash of the exact text a transition rests on. */
export interface PolicyRef {
  version: number;
  hash: string;
}

/**
 * The consent proof: the only writer of chained consent events, their
 * history per contact and the chain check.
 */
export class ConsentLedger {
  constructor(
    private readonly repo: ConsentRepo,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  /** Appends one validated transition to the chain (inside the caller's transaction) and tells the UI. */
  record(
    contactId: number,
    purpose: Purpose,
    from: ConsentState,
    to: ConsentState,
    triggerKind: TriggerKind,
    triggerRef: string | null,
    policy: PolicyRef | null,
    details: Partial<ConsentEventDetails> | null = null,
  ): ConsentEventRow {
    const t = transition(purpose, from, to, { kind: triggerKind, ref: triggerRef }, this.clock.now());
    const row = this.repo.append({
      contactId,
      purpose,
      from: t.from,
      to: t.to,
      triggerKind,
      triggerRef,
      policyVersion: policy?.version ?? null,
      policyHash: policy?.hash ?? null,
      at: t.at,
      words: details?.words ?? null,
      note: details?.note ?? null,
    });
    if (details) {
      this.repo.addDetails(row.id, {
        sentText: details.sentText ?? null,
        method: details.method ?? null,
        actorProfileId: details.actorProfileId ?? null,
        actorName: details.actorName ?? null,
        occurredAt: details.occurredAt ?? null,
      });
    }
    this.bus.emit('consent.changed', { contactId, purpose, to });
    return row;
  }

  /** The text the customer agreed to: the one sent with the open request. */
  agreedPolicy(contactId: number, purpose: Purpose): (PolicyRef & { text: string | null }) | null {
    const req = this.repo.latest(contactId, purpose);
    if (!req || req.policy_version === null || req.policy_hash === null) return null;
    return { version: req.policy_version, hash: req.policy_hash, text: this.repo.details(req.id)?.sent_text ?? null };
  }

  history(contactId: number): ConsentEventView[] {
    const details = new Map(this.repo.detailsByContact(contactId).map((d) => [d.event_id, d]));
    return this.repo.byContact(contactId).map((row) => toEventView(row, details.get(row.id)));
  }

  verify(): { ok: boolean; checked: number; problems: ChainProblem[] } {
    const rows = this.repo.all();
    // Problems the old chain had when it was re-hashed into the split format stay visible.
    const problems = [...(this.repo.migrationNote()?.v1Problems ?? []), ...verifyChain(rows, this.repo.head())];
    return { ok: problems.length === 0, checked: rows.length, problems };
  }
}

import type { ConsentEventView, ConsentState, Purpose } from '../../contract';
import type { ConsentEventDetailsRow, ConsentEventRow } from '../../store/consent-repo';
import type { TriggerKind } from './state-machine';

/** A chained consent event with its details, as the proof views show it. */
export function toEventView(row: ConsentEventRow & { id: number }, d?: ConsentEventDetailsRow): ConsentEventView {
  return {
    id: row.id,
    contactId: row.contact_id ?? 0,
    purpose: row.purpose as Purpose,
    from: row.from_state as ConsentState,
    to: row.to_state as ConsentState,
    trigger: { kind: row.trigger_kind as TriggerKind, ref: row.trigger_ref },
    policyVersion: row.policy_version,
    policyHash: row.policy_hash,
    at: new Date(row.at).toISOString(),
    hash: row.hash,
    words: d?.words ?? null,
    sentText: d?.sent_text ?? null,
    method: d?.method ?? null,
    actorProfileId: d?.actor_profile_id ?? null,
    actorName: d?.actor_name ?? null,
    note: d?.note ?? null,
    occurredAt: d?.occurred_at === null || d?.occurred_at === undefined ? null : new Date(d.occurred_at).toISOString(),
  };
}

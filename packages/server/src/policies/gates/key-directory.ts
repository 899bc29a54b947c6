// SPDX-License-Identifier: AGPL-3.0-or-later
import type { KeyWrapKind } from "@obhut/protocol";
import { ForbiddenError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";

/**
 * Who may read and write the key directory — the one place that decides it.
 * Everything here is defence in depth: clients verify the org log and every
 * unwrapped key against it, so a wrong decision here can deny service but
 * never hand out a key. Other organisations get 404 so that ids are not
 * confirmed to exist.
 */

export function isOrgAdmin(actor: Actor, orgId: string): boolean {
  return actor.kind === "staff" && actor.role === "org_admin" && actor.organisationId === orgId;
}

/** Staff of the organisation, and clients (who have no organisation but verify staff keys in its log). */
export function authorizeOrgLogRead(actor: Actor, orgId: string): void {
  if (actor.kind === "client") return;
  if (actor.organisationId !== orgId) throw new NotFoundError("No such organisation");
}

export function authorizeOrgLogAppend(actor: Actor, orgId: string): void {
  if (actor.organisationId !== orgId) throw new NotFoundError("No such organisation");
  if (!isOrgAdmin(actor, orgId))
    throw new ForbiddenError("Only organisation administrators can change the organisation log");
}

/** Public keys of an organisation's accounts: for its own members (staff wrap keys to each other). */
export function authorizePublicKeyRead(actor: Actor, orgId: string): void {
  if (actor.organisationId !== orgId) throw new NotFoundError("No such account");
}

export function authorizeAccountReset(
  actor: Actor,
  orgId: string,
  target: { id: string; kind: string; organisation_id: string | null } | undefined,
): void {
  if (actor.organisationId !== orgId || !target || target.organisation_id !== orgId)
    throw new NotFoundError("No such account");
  if (!isOrgAdmin(actor, orgId)) throw new ForbiddenError("Only organisation administrators can reset an account");
  if (target.kind !== "staff") throw new ForbiddenError("Client accounts are re-bound by their counsellor, not reset");
  // Resetting oneself would let a stolen admin session replace the admin's own keys without any second person.
  if (target.id === actor.accountId) throw new ForbiddenError("Another administrator must reset your account");
}

/** Facts the upload policy needs, loaded by the service in bulk. */
export interface KeyWrapUploadFacts {
  /** Teams of this organisation (id → member account ids). */
  teams: Map<string, Set<string>>;
  /** Active accounts of this organisation (id → role). */
  accounts: Map<string, { kind: string; role: string }>;
}

export interface KeyWrapRequest {
  kind: KeyWrapKind;
  refId: string;
  recipientAccountId: string | null;
}

/**
 * Who may upload which wrap:
 * - org-root, archive (ref = the organisation): only admins, only to admins.
 * - team (ref = a team of the organisation): admins or members of that team,
 *   only to current members of that team or to administrators. Admins hold
 *   team keys as custodians: they already hold the archive key, which opens
 *   every epoch key, so this grants them nothing new — but it lets an admin's
 *   browser add members and rotate the key after offboarding (ADR 0016).
 * - team-previous (no recipient): admins or members of that team.
 * Every recipient must be an active account of the same organisation.
 */
export function authorizeKeyWrapUpload(
  actor: Actor,
  orgId: string,
  wraps: readonly KeyWrapRequest[],
  facts: KeyWrapUploadFacts,
): void {
  if (actor.organisationId !== orgId || actor.kind !== "staff") throw new NotFoundError("No such organisation");
  const admin = isOrgAdmin(actor, orgId);
  for (const [i, w] of wraps.entries()) {
    const deny = (why: string) => {
      throw new ForbiddenError(`Wrap ${i}: ${why}`);
    };
    const recipient = w.recipientAccountId === null ? undefined : facts.accounts.get(w.recipientAccountId);
    if (w.recipientAccountId !== null && !recipient) deny("the recipient is not an account of this organisation");
    if (w.kind === "team-previous" ? w.recipientAccountId !== null : w.recipientAccountId === null) {
      deny("team-previous wraps have no recipient; all other wraps have one");
    }
    switch (w.kind) {
      case "org-root":
      case "archive":
        if (!admin) deny("only administrators hold organisation keys");
        if (w.refId !== orgId) deny("organisation keys refer to the organisation");
        if (recipient?.role !== "org_admin") deny("organisation keys are only wrapped to administrators");
        break;
      case "team":
      case "team-previous": {
        const members = facts.teams.get(w.refId);
        if (!members) deny("no such team in this organisation");
        if (!admin && !members!.has(actor.accountId)) deny("only administrators and team members share a team key");
        if (w.recipientAccountId !== null && !members!.has(w.recipientAccountId) && recipient?.role !== "org_admin")
          deny("the recipient is neither a member of the team nor an administrator");
        break;
      }
    }
  }
}

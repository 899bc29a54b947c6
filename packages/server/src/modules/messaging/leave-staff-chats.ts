// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../infra/db/schema";
import { oweEpochRotation } from "./epoch-rotation";
import { currentStaffChatIdsOf, markMemberLeftAll } from "./store-conversations";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A staff member's account is deactivated (offboarding, also of an administrator; ADR 0042): they leave every
 * team chat, direct chat and channel they are in, in the caller's transaction, and each of those owes a new
 * epoch (ADR 0029, reason `member_left`). A chat's key is wrapped to its members' own certified keys (ADR 0033),
 * so the former member holds the current epoch's key; without this, later messages would stay under it and only
 * the ended sessions would keep them out. Leaving also keeps the member list to people whose keys the log still
 * certifies: the next member's browser wraps the new epoch to exactly those it lists (`chatRotator`), and a
 * revoked key is no longer among them. Their messages stay, readable to the others and marked as from a key
 * no longer active (ADR 0031). Returns how many chats and channels they left.
 */
export async function leaveStaffChats(db: Db, accountId: string, now: number): Promise<number> {
  const ids = await currentStaffChatIdsOf(db, accountId);
  if (ids.length === 0) return 0;
  await markMemberLeftAll(db, ids, accountId, now);
  await oweEpochRotation(db, ids, { reason: "member_left", now });
  return ids.length;
}

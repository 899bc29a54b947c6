// SPDX-License-Identifier: AGPL-3.0-or-later
import type { KeyWrapView } from "@obhut/protocol";
import type { KeyWrapsTable } from "../../infra/db/schema";

export function presentKeyWrap(row: KeyWrapsTable): KeyWrapView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    kind: row.kind,
    refId: row.ref_id,
    generation: Number(row.generation),
    recipientAccountId: row.recipient_account_id,
    blob: row.blob,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrganisationView } from "@obhut/protocol";

export function presentOrganisation(row: {
  id: string;
  name: string;
  root_public_key: string | null;
  created_at: number;
}): OrganisationView {
  return { id: row.id, name: row.name, rootPublicKey: row.root_public_key, createdAt: row.created_at };
}

// SPDX-License-Identifier: AGPL-3.0-or-later
export { authorize, decide, rolesFor, type Decision, type PolicyActor, type Resource } from "./authorize";
export { ACTIONS, PERMISSIONS, type Action, type Permission, type Scope } from "./permissions";
export {
  ORGANISATION_STAFF_ROLES,
  ROLES,
  ROLE_LABELS,
  isOrganisationStaffRole,
  type OrganisationStaffRole,
  type Role,
} from "./roles";
export { renderPermissionTable } from "./roles-doc";

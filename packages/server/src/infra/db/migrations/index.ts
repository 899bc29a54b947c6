// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Migration } from "kysely";
import * as m0001 from "./0001-foundation";
import * as m0002 from "./0002-auth";
import * as m0003 from "./0003-organisation-structure";
import * as m0004 from "./0004-keys";
import * as m0005 from "./0005-messaging";
import * as m0006 from "./0006-audit-chain";
import * as m0007 from "./0007-staff-and-sessions";
import * as m0008 from "./0008-attachments";
import * as m0009 from "./0009-counselling";
import * as m0010 from "./0010-retention";
import * as m0011 from "./0011-compliance";
import * as m0012 from "./0012-sso";
import * as m0013 from "./0013-dsr";
import * as m0014 from "./0014-dpo";
import * as m0015 from "./0015-case-rebind";
import * as m0016 from "./0016-device-keys";
import * as m0017 from "./0017-messaging-policy";
import * as m0018 from "./0018-attachment-policy";
import * as m0019 from "./0019-client-safety";
import * as m0020 from "./0020-kept-client-devices";
import * as m0021 from "./0021-address-form";
import * as m0022 from "./0022-informal-greeting";
import * as m0023 from "./0023-informal-absence";
import * as m0024 from "./0024-epoch-rotation";
import * as m0025 from "./0025-archive-access";
import * as m0026 from "./0026-chat-titles";
import * as m0027 from "./0027-email-notices";
import * as m0028 from "./0028-canned-replies";
import * as m0031 from "./0031-channels";
import * as m0032 from "./0032-push-and-bell";
import * as m0034 from "./0034-quiet-hours";
import * as m0035 from "./0035-notification-rules";
import * as m0036 from "./0036-statistics";
import * as m0037 from "./0037-breaches";
import * as m0038 from "./0038-trainings";
import * as m0039 from "./0039-processors";
import * as m0040 from "./0040-client-details";
import * as m0041 from "./0041-office-hours";
import * as m0042 from "./0042-appointments";

/**
 * Numbered migrations, imported statically so they work the same under tsx,
 * in tests and in any bundle. Names sort lexically; never rename or edit a
 * migration that has shipped — add a new one.
 */
export const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-auth": m0002,
  "0003-organisation-structure": m0003,
  "0004-keys": m0004,
  "0005-messaging": m0005,
  "0006-audit-chain": m0006,
  "0007-staff-and-sessions": m0007,
  "0008-attachments": m0008,
  "0009-counselling": m0009,
  "0010-retention": m0010,
  "0011-compliance": m0011,
  "0012-sso": m0012,
  "0013-dsr": m0013,
  "0014-dpo": m0014,
  "0015-case-rebind": m0015,
  "0016-device-keys": m0016,
  "0017-messaging-policy": m0017,
  "0018-attachment-policy": m0018,
  "0019-client-safety": m0019,
  "0020-kept-client-devices": m0020,
  "0021-address-form": m0021,
  "0022-informal-greeting": m0022,
  "0023-informal-absence": m0023,
  "0024-epoch-rotation": m0024,
  "0025-archive-access": m0025,
  "0026-chat-titles": m0026,
  "0027-email-notices": m0027,
  "0028-canned-replies": m0028,
  "0031-channels": m0031,
  "0032-push-and-bell": m0032,
  "0034-quiet-hours": m0034,
  "0035-notification-rules": m0035,
  "0036-statistics": m0036,
  "0037-breaches": m0037,
  "0038-trainings": m0038,
  "0039-processors": m0039,
  "0040-client-details": m0040,
  "0041-office-hours": m0041,
  "0042-appointments": m0042,
};

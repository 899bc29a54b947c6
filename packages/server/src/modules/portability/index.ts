// SPDX-License-Identifier: AGPL-3.0-or-later
/** The public face of the portability module: other modules, app/ and cli/ import only from here. */
export { ExportError, exportOrganisation, type PortabilityProgress } from "./export";
export { ExportFormatError } from "./format";
export { ImportError, importOrganisation } from "./import";

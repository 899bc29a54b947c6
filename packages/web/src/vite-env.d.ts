// SPDX-License-Identifier: AGPL-3.0-or-later
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where quick exit goes; must be an https: URL. */
  readonly VITE_OBHUT_QUICK_EXIT_URL?: string;
  /** "formal" (default, "Sie") or "informal" ("du") German. */
  readonly VITE_OBHUT_ADDRESS_FORM?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

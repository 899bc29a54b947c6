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

/** Single dictionaries of @zxcvbn-ts/language-en (auth/password-strength.ts); the package types only its index. */
declare module "@zxcvbn-ts/language-en/dist/commonWords.json.mjs" {
  const words: string[];
  export default words;
}
declare module "@zxcvbn-ts/language-en/dist/firstnames.json.mjs" {
  const names: string[];
  export default names;
}
declare module "@zxcvbn-ts/language-en/dist/wordSequences.json.mjs" {
  const sequences: Record<string, string[]>;
  export default sequences;
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AddressForm } from "./i18n";

/**
 * Default quick-exit target. Only ever used as a navigation target after the
 * user pressed quick exit, never fetched in the background (see ADR 0004).
 * A weather search looks harmless on a shared screen and in history.
 */
export const DEFAULT_QUICK_EXIT_URL = "https://www.google.com/search?q=wetter";

export interface AppConfig {
  readonly quickExitUrl: string;
  readonly addressForm: AddressForm;
}

/**
 * Accepts only absolute https: URLs without credentials (http: for localhost
 * in development), at most 500 characters — the rule the server applies to
 * an organisation's target (protocol `QuickExitTarget`).
 */
export function parseQuickExitUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  value = value.trim();
  if (value.length > 500) return undefined;
  try {
    const url = new URL(value);
    if (url.username !== "" || url.password !== "") return undefined;
    if (url.protocol === "https:") return url.href;
    if (url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1")) return url.href;
  } catch {
    // Invalid URL: fall through to the default.
  }
  return undefined;
}

export const config: AppConfig = {
  quickExitUrl: parseQuickExitUrl(import.meta.env.VITE_OBHUT_QUICK_EXIT_URL) ?? DEFAULT_QUICK_EXIT_URL,
  addressForm: import.meta.env.VITE_OBHUT_ADDRESS_FORM === "informal" ? "informal" : "formal",
};

// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";

/**
 * Fills a form from loaded data whenever that data changes (first load, a
 * save's answer). It runs while rendering, not in an effect, so the form
 * never shows one frame of empty fields next to the loaded page, and focus
 * stays where it is (a keyed remount would drop it).
 */
export function useSeed<T>(value: T | undefined, seed: (value: T) => void): void {
  const [seen, setSeen] = useState<T | undefined>(undefined);
  if (value !== seen) {
    setSeen(value);
    if (value !== undefined) seed(value);
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { TextField } from "./text-field";

/**
 * A time of day typed as "HH:MM" (quiet hours, office hours): a plain text field with a numeric keyboard on
 * phones, since `<input type=time>` reads differently in every browser and screen reader.
 */
export function TimeField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
}) {
  return <TextField {...props} inputMode="numeric" autoComplete="off" maxLength={5} />;
}

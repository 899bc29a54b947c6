// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TextareaHTMLAttributes } from "react";
import { FieldFrame } from "../components/text-field";
import { textDirection } from "../i18n/text-direction";

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "onChange" | "value"> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
};

/** Like TextField, for message text: label above, hint and error linked with aria-describedby. */
export function TextArea({ id, label, value, onValue, hint, error, ...rest }: TextAreaProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <textarea
          id={id}
          name={id}
          // A person may write Arabic on a German page or German on an Arabic one: the text sets its own direction
          // (computed, not dir="auto", which Chromium re-evaluates over the whole value on every change).
          dir={textDirection(value)}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          {...aria}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}

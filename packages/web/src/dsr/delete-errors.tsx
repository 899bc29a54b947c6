// SPDX-License-Identifier: AGPL-3.0-or-later
import type { useTFor } from "../counselling/use-t-for";

type TFn = ReturnType<typeof useTFor>["t"];
export type DeleteField = "password" | "name" | "confirm";
export const deleteFields = ["password", "name", "confirm"] as const;

/** The error summary above the deletion form: each error links to its field (`delete-<field>`). */
export function DeleteErrors({ errors, t }: { errors: Partial<Record<DeleteField, string>>; t: TFn }) {
  const errorList = deleteFields.filter((f) => errors[f]);
  if (errorList.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>{t("myData.errors.title")}</p>
      <ul>
        {errorList.map((f) => (
          <li key={f}>
            <a href={`#delete-${f}`}>{errors[f]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

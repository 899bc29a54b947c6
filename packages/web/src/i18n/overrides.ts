// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Catalogue } from "./de";

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A catalogue that only holds the keys whose wording changes (de-informal*.ts); the rest falls back to `de`. */
export type Overrides = DeepPartial<Catalogue>;

// SPDX-License-Identifier: AGPL-3.0-or-later
export * from "./clock";
export * from "./types";
export * from "./scheduler";
export * from "./queue";
export * from "./failures";

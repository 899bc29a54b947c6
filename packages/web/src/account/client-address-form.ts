// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView, GetMyAddressForm, SetMyAddressForm } from "@obhut/protocol";
import { useEffect, useSyncExternalStore } from "react";
import { api, type Endpoint } from "../api/client";
import type { AddressForm } from "../i18n";
import { getSession, subscribeSession } from "../keys/session-store";
import { listCases } from "../messaging/endpoints";

const getMyAddressForm: Endpoint<typeof GetMyAddressForm> = { method: "GET", path: "/api/account/address-form" };
const setMyAddressForm: Endpoint<typeof SetMyAddressForm> = { method: "PUT", path: "/api/account/address-form" };

/**
 * The form of address of the logged-in client (issue #15, item 7): the one
 * they chose in their account, else the one the agency chose for the topic
 * of their newest counselling, else none (the deployment's default). Held in
 * memory for the session; every client page follows it.
 */
export interface ClientAddressForm {
  chosen: AddressForm | null;
  /** From the newest case; null before the first. */
  fromCases: AddressForm | null;
}

let current: { accountId: string; value: ClientAddressForm } | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

function newestForm(cases: readonly Pick<CaseView, "createdAt" | "addressForm">[]): AddressForm | null {
  const newest = [...cases].sort((a, b) => b.createdAt - a.createdAt)[0];
  return newest?.addressForm ?? null;
}

async function load(accountId: string): Promise<void> {
  try {
    const [{ addressForm }, { cases }] = await Promise.all([
      api.request(getMyAddressForm),
      api.request(listCases, { query: {} }),
    ]);
    if (getSession()?.account.id !== accountId) return;
    current = { accountId, value: { chosen: addressForm, fromCases: newestForm(cases) } };
    emit();
  } catch {
    // Without an answer the deployment's default applies; the next login asks again.
  }
}

function follow(): void {
  const session = getSession();
  if (!session || session.account.kind !== "client") {
    if (current) {
      current = null;
      emit();
    }
    return;
  }
  if (current?.accountId !== session.account.id) {
    current = null;
    emit();
    void load(session.account.id);
  }
}
subscribeSession(follow);

/** The client's cases changed (a list was loaded, a case opened): the newest one's form counts. */
export function noteClientCases(cases: readonly Pick<CaseView, "createdAt" | "addressForm">[]): void {
  if (!current || cases.length === 0) return;
  const fromCases = newestForm(cases);
  if (fromCases === current.value.fromCases) return;
  current = { ...current, value: { ...current.value, fromCases } };
  emit();
}

/** Stores the client's choice (null: as the agency chose) and applies it at once. */
export async function chooseClientAddressForm(form: AddressForm | null): Promise<void> {
  const { addressForm } = await api.request(setMyAddressForm, { body: { addressForm: form } });
  if (current) {
    current = { ...current, value: { ...current.value, chosen: addressForm } };
    emit();
  }
}

/**
 * The form of the flow a visitor is in before any case exists: the topic
 * they chose on an agency or enquiry page. Sign-up and the recovery code
 * that follow speak the same way. In memory only.
 */
let flowForm: AddressForm | null = null;
let flowSnapshot: ClientAddressForm | null = null;

export function setFlowAddressForm(form: AddressForm | null): void {
  if (form === flowForm) return;
  flowForm = form;
  flowSnapshot = form ? { chosen: null, fromCases: form } : null;
  emit();
}

/** A topic page says which form its flow has. */
export function useFlowAddressForm(form: AddressForm | null | undefined): void {
  useEffect(() => {
    if (form) setFlowAddressForm(form);
  }, [form]);
}

/** The logged-in client's forms; for anyone else the flow's (a topic chosen before sign-up). */
const snapshot = () => current?.value ?? flowSnapshot;

export function useClientAddressForm(): ClientAddressForm | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      follow();
      return () => listeners.delete(listener);
    },
    snapshot,
    snapshot,
  );
}

/** The form the client's pages use: chosen, else the newest case's; null: no opinion (the page's or deployment's). */
export function effectiveForm(form: ClientAddressForm | null): AddressForm | null {
  return form?.chosen ?? form?.fromCases ?? flowForm;
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { useMemo } from "react";
import { useRouter } from "../router/router";

/**
 * The router matches exact paths; pages that need an id read it from the
 * query string (deep links like /agency?id=…&counsellor=…). Re-read on every
 * navigation.
 */
export function useQueryParams(): URLSearchParams {
  const { navigations } = useRouter();
  return useMemo(() => new URLSearchParams(window.location.search), [navigations]);
}

const ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A query value that is a protocol id, else null (never passed on unchecked). */
export function idParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value !== null && ID.test(value) ? value : null;
}

/**
 * Where to continue after login or sign-up: only the counselling pages of
 * this app, so `?next=` can never become an open redirect.
 */
export function safeNext(value: string | null): string | null {
  if (value === null) return null;
  return /^\/(enquiry|case|cases|agency)(\?[A-Za-z0-9_\-=&]*)?$/.test(value) ? value : null;
}

export function enquiryPath(props: { agencyId: string; topicId: string | null; counsellorId: string | null }): string {
  const q = new URLSearchParams({ agency: props.agencyId });
  if (props.topicId) q.set("topic", props.topicId);
  if (props.counsellorId) q.set("counsellor", props.counsellorId);
  return `/enquiry?${q.toString()}`;
}

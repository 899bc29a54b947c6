// SPDX-License-Identifier: AGPL-3.0-or-later
import { ConsentCapacity, ConsentGiver, ConsentMethod, ForwardingChannel, LegalBasis } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { ALL_CHANNELS, CONSENT_CAPACITIES, CONSENT_GIVERS, CONSENT_METHODS, LEGAL_BASES } from "./consent-names";

/** The web app keeps the protocol's code lists as plain arrays (no zod at runtime): each must name every code once. */
describe("consent code lists", () => {
  it.each([
    ["channels", ALL_CHANNELS, ForwardingChannel.options],
    ["legal bases", LEGAL_BASES, LegalBasis.options],
    ["givers", CONSENT_GIVERS, ConsentGiver.options],
    ["capacities", CONSENT_CAPACITIES, ConsentCapacity.options],
    ["methods", CONSENT_METHODS, ConsentMethod.options],
  ])("%s equal the protocol's", (_name, ours, protocol) => {
    expect([...ours].sort()).toEqual([...protocol].sort());
  });
});

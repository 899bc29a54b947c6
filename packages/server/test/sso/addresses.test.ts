// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { blockedRange } from "../../src/modules/identity/sso-addresses";

/** The address classifier of the SSO requests, with literal addresses only (no traffic). */
describe("blockedRange", () => {
  it("refuses loopback, private, shared, link-local, multicast and special addresses", () => {
    const cases: [string, string][] = [
      ["127.0.0.1", "loopback"],
      ["127.255.255.254", "loopback"],
      ["::1", "loopback"],
      ["0:0:0:0:0:0:0:1", "loopback"],
      ["0.0.0.0", "unspecified"],
      ["0.1.2.3", "unspecified"],
      ["::", "unspecified"],
      ["10.0.0.1", "private"],
      ["10.255.255.255", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["192.168.1.1", "private"],
      ["fc00::1", "private"],
      ["fd12:3456:789a::1", "private"],
      ["fec0::1", "private"],
      ["64:ff9b:1::a00:1", "private"],
      ["100.64.0.1", "shared"],
      ["100.127.255.255", "shared"],
      ["169.254.169.254", "link_local"],
      ["fe80::1", "link_local"],
      ["fe80::1%eth0", "link_local"],
      ["febf::1", "link_local"],
      ["224.0.0.1", "multicast"],
      ["239.255.255.250", "multicast"],
      ["ff02::1", "multicast"],
      ["255.255.255.255", "reserved"],
      ["240.0.0.1", "reserved"],
      ["192.0.0.8", "reserved"],
      ["198.18.0.1", "reserved"],
      ["2001::1", "reserved"],
      ["100::1", "reserved"],
      ["::7f00:1", "reserved"],
      ["::127.0.0.1", "reserved"],
      ["192.0.2.1", "documentation"],
      ["2001:db8::1", "documentation"],
      ["not an address", "reserved"],
      ["", "reserved"],
    ];
    for (const [address, range] of cases) expect(blockedRange(address), address).toBe(range);
  });

  it("judges IPv6 forms that carry an IPv4 address by that address", () => {
    const cases: [string, string][] = [
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:7f00:1", "loopback"],
      ["0:0:0:0:0:ffff:7f00:0001", "loopback"],
      ["[::ffff:127.0.0.1]", "loopback"],
      ["::ffff:10.1.2.3", "private"],
      ["::ffff:a9fe:a9fe", "link_local"],
      ["::ffff:c0a8:101", "private"],
      ["64:ff9b::7f00:1", "loopback"],
      ["64:ff9b::10.0.0.1", "private"],
      ["2002:7f00:1::1", "loopback"],
      ["2002:a9fe:a9fe::", "link_local"],
    ];
    for (const [address, range] of cases) expect(blockedRange(address), address).toBe(range);
  });

  it("lets ordinary public addresses through", () => {
    for (const address of [
      "1.1.1.1",
      "8.8.8.8",
      "93.184.216.34",
      "172.15.255.255",
      "172.32.0.0",
      "100.63.255.255",
      "100.128.0.0",
      "169.253.255.255",
      "223.255.255.255",
      "2606:4700:4700::1111",
      "2a00:1450:4001:80b::200e",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
      "2002:808:808::1",
    ])
      expect(blockedRange(address), address).toBeNull();
  });
});

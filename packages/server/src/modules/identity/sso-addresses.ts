// SPDX-License-Identifier: AGPL-3.0-or-later
import net from "node:net";

/**
 * Which IP addresses the SSO requests (discovery, keys, token, userinfo) may
 * go to. An organisation admin chooses the issuer, and the discovery document
 * chooses the other endpoints, so without this check either could point the
 * server at its own loopback services, the local network or a cloud metadata
 * endpoint (issue #13, finding 10).
 *
 * Every address is read as 16 bytes (IPv4 as IPv4-mapped IPv6), so all
 * spellings of one address meet the same table; IPv6 forms that carry an
 * IPv4 address (mapped, NAT64, 6to4) are judged by that IPv4 address.
 */
export type BlockedRange =
  "unspecified" | "loopback" | "private" | "shared" | "link_local" | "multicast" | "documentation" | "reserved";

/** [prefix, length in bits of the 128-bit form, why it is refused] */
const RANGES: [string, number, BlockedRange][] = [
  // IPv4 (mapped: ::ffff:0:0/96 + the IPv4 prefix length)
  ["0.0.0.0", 8, "unspecified"],
  ["127.0.0.0", 8, "loopback"],
  ["10.0.0.0", 8, "private"],
  ["172.16.0.0", 12, "private"],
  ["192.168.0.0", 16, "private"],
  ["100.64.0.0", 10, "shared"],
  ["169.254.0.0", 16, "link_local"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
  // IPv6
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["::", 96, "reserved"], // IPv4-compatible (deprecated)
  ["64:ff9b:1::", 48, "private"], // local-use NAT64
  ["100::", 64, "reserved"], // discard
  ["2001::", 23, "reserved"], // IETF protocol assignments (Teredo, benchmarking, ORCHID…)
  ["2001:db8::", 32, "documentation"],
  ["3fff::", 20, "documentation"],
  ["fc00::", 7, "private"], // unique local
  ["fe80::", 10, "link_local"],
  ["fec0::", 10, "private"], // site-local (deprecated)
  ["ff00::", 8, "multicast"],
];

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function ipv4Bytes(address: string): number[] {
  return address.split(".").map(Number);
}

/** The 16 bytes of an IPv6 address that net.isIPv6 accepted (a zone id is dropped). */
function ipv6Bytes(address: string): number[] {
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) becomes its two hex groups first.
  const text = address.replace(/%.*$/, "").replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) => {
    const [x, y, z, w] = [a, b, c, d].map(Number) as [number, number, number, number];
    return `${((x << 8) | y).toString(16)}:${((z << 8) | w).toString(16)}`;
  });
  const halves = text.split("::");
  const groupsOf = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groupsOf(halves[0]);
  const right = groupsOf(halves[1]);
  const groups =
    halves.length === 1 ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.flatMap((g) => {
    const n = Number.parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

function toBytes(address: string): number[] | undefined {
  const plain = address.replace(/^\[|\]$/g, "");
  const family = net.isIP(plain.replace(/%.*$/, ""));
  if (family === 4) return [...MAPPED_PREFIX, ...ipv4Bytes(plain)];
  if (family === 6) return ipv6Bytes(plain);
  return undefined;
}

function startsWith(bytes: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((bytes[byte]! & mask) !== (prefix[byte]! & mask)) return false;
  }
  return true;
}

const TABLE = RANGES.map(([prefix, length, range]) => {
  const v4 = net.isIPv4(prefix);
  return { bytes: toBytes(prefix)!, bits: v4 ? 96 + length : length, range };
});

/** IPv6 forms that carry an IPv4 address: the IPv4 part as mapped bytes, else undefined. */
function embeddedIpv4(bytes: number[]): number[] | undefined {
  const nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
  if (startsWith(bytes, nat64, 96)) return [...MAPPED_PREFIX, ...bytes.slice(12)];
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return [...MAPPED_PREFIX, ...bytes.slice(2, 6)]; // 6to4
  return undefined;
}

/**
 * The range an address belongs to if requests to it are refused, or null
 * for an ordinary public address. Something that is not an IP address at
 * all counts as "reserved" (refused), never as public.
 */
export function blockedRange(address: string): BlockedRange | null {
  const bytes = toBytes(address);
  if (!bytes) return "reserved";
  const judged = embeddedIpv4(bytes) ?? bytes;
  return TABLE.find((r) => startsWith(judged, r.bytes, r.bits))?.range ?? null;
}

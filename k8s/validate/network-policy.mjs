// Address arithmetic for the policy rules on where traffic may go: coturn's denied peers and the egress policies.

/** Ranges a TURN relay must never reach: they are the cluster's, the node's or the cloud's own, never a peer's. */
export const RELAY_DENIED = [
  "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
  "::/128", "::1/128", "::ffff:0.0.0.0/96", "fc00::/7", "fe80::/10",
];

function v4(text) {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n);
}

function v6(text) {
  let t = text;
  const tail = t.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (tail) {
    const n = v4(tail[2]);
    if (n === null) return null;
    t = `${tail[1]}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = t.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** An address as {family, value}, or null. */
export function address(text) {
  if (text.includes(":")) {
    const value = v6(text);
    return value === null ? null : { family: 6, value };
  }
  const value = v4(text);
  return value === null ? null : { family: 4, value };
}

export function cidr(text) {
  const [base, bits] = text.split("/");
  const a = address(base);
  const width = a?.family === 6 ? 128n : 32n;
  const prefix = BigInt(bits ?? width);
  const size = 1n << (width - prefix);
  return { family: a.family, from: a.value & ~(size - 1n), to: (a.value & ~(size - 1n)) + size - 1n };
}

/** coturn's `--denied-peer-ip` value: one address or `first-last`. */
export function coturnRange(text) {
  const [first, last = first] = text.split("-");
  const a = address(first);
  const b = address(last);
  if (!a || !b || a.family !== b.family || a.value > b.value) return null;
  return { family: a.family, from: a.value, to: b.value };
}

/** Whether the union of {@code ranges} covers {@code wanted} entirely. */
export function covered(wanted, ranges) {
  let next = wanted.from;
  const sorted = ranges.filter((r) => r.family === wanted.family).sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  for (const r of sorted) {
    if (r.from > next) break;
    if (r.to >= next) next = r.to + 1n;
    if (next > wanted.to) return true;
  }
  return next > wanted.to;
}

/** Policy errors of coturn's relay restrictions, from the container's arguments. */
export function relayErrors(deployment, container, fail) {
  const args = container.args ?? [];
  const ranges = [];
  for (const arg of args) {
    const m = arg.match(/^--denied-peer-ip=(.+)$/);
    if (!m) continue;
    const range = coturnRange(m[1]);
    if (!range) fail(deployment, `--denied-peer-ip=${m[1]} is not an address or a range coturn reads`);
    else ranges.push(range);
  }
  for (const wanted of RELAY_DENIED) {
    if (!covered(cidr(wanted), ranges)) fail(deployment, `coturn's --denied-peer-ip list leaves ${wanted} open to relaying`);
  }
  if (!args.includes("--no-multicast-peers")) fail(deployment, "coturn without --no-multicast-peers");
  for (const open of ["--allow-loopback-peers", "--allowed-peer-ip"]) {
    if (args.some((a) => a === open || a.startsWith(`${open}=`))) fail(deployment, `coturn with ${open}`);
  }
}

/** Egress to MongoDB: its port only, and to a selector or a narrow ipBlock, never the whole internet. */
export function mongoEgressErrors(policy, fail) {
  for (const rule of policy.spec.egress ?? []) {
    const ports = rule.ports ?? [];
    if (!ports.some((p) => p.port === 27017)) continue;
    if (ports.some((p) => p.port !== 27017 || p.endPort)) fail(policy, "egress to MongoDB opens other ports than 27017");
    if (!(rule.to ?? []).length) fail(policy, "egress to MongoDB without a destination (open to every address)");
    for (const to of rule.to ?? []) {
      if (to.ipBlock) {
        const range = cidr(to.ipBlock.cidr);
        const width = range.family === 6 ? 128n : 32n;
        const bits = width - BigInt((range.to - range.from + 1n).toString(2).length - 1);
        if (bits < (range.family === 6 ? 48n : 16n)) fail(policy, `egress to MongoDB open to ${to.ipBlock.cidr}: name MongoDB by selector or its own addresses`);
      }
    }
  }
}

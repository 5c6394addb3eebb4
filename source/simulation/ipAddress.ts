import {isIP} from "node:net";

interface ParsedAddress {
    value: bigint;
    bits: 32 | 128;
}

function parseAddress(text: string): ParsedAddress | undefined {
    const version = isIP(text);
    if (version === 4)
        return {value: text.split(".").reduce((sum, octet) => (sum << 8n) + BigInt(Number(octet)), 0n), bits: 32};
    if (version === 6)
        return {value: ipv6Value(text), bits: 128};
    return undefined;
}

function ipv6Value(text: string): bigint {
    // An embedded IPv4 tail (::ffff:10.0.0.1) is two more groups.
    const lastColon = text.lastIndexOf(":");
    let groupsText = text;
    if (text.includes(".", lastColon)) {
        const v4 = parseAddress(text.slice(lastColon + 1))!.value;
        groupsText = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
    }
    const [head = "", tail] = groupsText.split("::");
    const headGroups = head === "" ? [] : head.split(":");
    const tailGroups = tail == null || tail === "" ? [] : tail.split(":");
    const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
    return [...headGroups, ...(tail != null ? zeros : []), ...tailGroups]
        .reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n);
}

/** A CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or one address, which is its own /32 or /128. */
export interface CidrBlock {
    network: bigint;
    prefix: number;
    bits: 32 | 128;
}

export function parseCidr(text: string): CidrBlock | undefined {
    const slash = text.indexOf("/");
    const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
    if (address == null)
        return undefined;
    const prefixText = slash < 0 ? String(address.bits) : text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > address.bits)
        return undefined;
    const prefix = Number(prefixText);
    return {network: address.value >> BigInt(address.bits - prefix), prefix, bits: address.bits};
}

/** Whether the address is inside the block; undefined when the address is not an IP address. An IPv6 address is never in an IPv4 block. */
export function addressInBlock(addressText: string, block: CidrBlock): boolean | undefined {
    const address = parseAddress(addressText);
    if (address == null)
        return undefined;
    if (address.bits !== block.bits)
        return false;
    return address.value >> BigInt(block.bits - block.prefix) === block.network;
}

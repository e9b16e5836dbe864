import { isIP } from 'node:net';

/**
 * Whether `host` is this machine: localhost, 127.0.0.0/8, ::1 or ::ffff:127.x.x.x, given as a
 * name or address, with or without `:port`, IPv6 with or without brackets (nock writes
 * `::1:8080`, which is read both ways: as ::1 port 8080 it is loopback).
 */
export function isLoopbackHost(host: string): boolean {
  const text = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return isLoopbackName(bracketed[1]!);
  const withoutPort = /^(.*):\d+$/.exec(text)?.[1];
  return isLoopbackName(text) || (withoutPort !== undefined && isLoopbackName(withoutPort));
}

function isLoopbackName(name: string): boolean {
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || name === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(name);
  return false;
}

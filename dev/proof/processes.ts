import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** What /proc says about one process. */
export type ProcessInfo = { pid: number; ppid: number; pgid: number; rssBytes: number; command: string };

const PAGE_BYTES = 4096;

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // gone meanwhile, or not ours to read
  }
}

/** Every process on the machine (Linux /proc). */
export function processes(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (!stat) continue;
    // "pid (comm) state ppid pgrp ..." where comm may hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    list.push({ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]), rssBytes: Number(fields[21]) * PAGE_BYTES, command: stat.slice(stat.indexOf('(') + 1, close) });
  }
  return list;
}

/** `root` and everything below it. */
export function tree(root: number, all = processes()): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: ProcessInfo[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child.pid);
    }
  };
  const self = all.find((p) => p.pid === root);
  if (self) found.push(self);
  walk(root);
  return found;
}

/** Processes whose environment holds `NAME=value`: a run's processes, even those re-parented to init. */
export function processesWithEnv(name: string, value: string): ProcessInfo[] {
  const needle = `${name}=${value}\0`;
  return processes().filter((p) => p.pid !== process.pid && (read(`/proc/${p.pid}/environ`) ?? '').includes(needle));
}

/** Listening TCP sockets (IPv4 and IPv6): local port and socket inode. */
export function listeningSockets(): { port: number; inode: number }[] {
  const sockets: { port: number; inode: number }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (read(file) ?? '').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] !== '0A') continue; // TCP_LISTEN
      sockets.push({ port: parseInt(f[1]!.split(':')[1]!, 16), inode: Number(f[9]) });
    }
  }
  return sockets;
}

/** The listening ports a process holds open. */
export function listeningPortsOf(pid: number, listening = listeningSockets()): number[] {
  const byInode = new Map(listening.map((s) => [s.inode, s.port]));
  const ports: number[] = [];
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return ports;
  }
  for (const fd of fds) {
    let target = '';
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    const port = inode ? byInode.get(Number(inode)) : undefined;
    if (port !== undefined) ports.push(port);
  }
  return ports;
}

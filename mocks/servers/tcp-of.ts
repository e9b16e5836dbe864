import type net from 'node:net';

/** The TCP socket under a TLS socket (only it can send an RST); the socket itself when plain. */
export function tcpOf(socket: net.Socket): net.Socket {
  let current = socket as net.Socket & { _parent?: net.Socket; _parentWrap?: net.Socket };
  while (current._parent ?? current._parentWrap) current = (current._parent ?? current._parentWrap) as typeof current;
  return current;
}

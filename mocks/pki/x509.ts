// @peculiar/x509 resolves to its CommonJS build under Node, which needs the Reflect polyfill
// loaded first (selfsigned does the same).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

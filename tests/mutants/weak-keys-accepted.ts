import { verifyPeer } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const weakKeysAccepted: Mutant = {
  name: 'weak-keys-accepted',
  models: 'The key-size floor lowered to 1024 bits in code to keep a legacy processor endpoint working; Node itself accepts RSA-1024, so nothing else stops it.',
  killedBy: ['tls.rsa-1024-leaf'],
  parts: () => ({ verifyPeer: (chain, policy) => verifyPeer(chain, { ...policy, minKeyBits: 1024 }) }),
};

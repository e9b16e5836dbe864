#!/usr/bin/env node
// The `gatecheck` command. Sources are TypeScript; tsx loads them so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../scripts/cli.ts');

// Lets plain Node load gatecheck's TypeScript sources (no build step, as bin/gatecheck.js does).
// One module, so importing both gatecheck/msw and gatecheck/nock registers tsx once.
import { register } from 'tsx/esm/api';

register();

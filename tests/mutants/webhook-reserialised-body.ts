import type { Mutant } from './mutant.ts';
import { wrappedVerifiers } from './webhook-wrapper.ts';

/** The body as a framework hands it over after parsing: JSON.stringify(JSON.parse(raw)). */
function reserialised(raw: Buffer): Buffer {
  try {
    return Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
  } catch {
    return raw;
  }
}

export const webhookReserialisedBody: Mutant = {
  name: 'webhook-reserialised-body',
  models: 'The webhook signature is checked over the body re-serialised from the parsed JSON (a body-parser ran first), so every pretty-printed delivery the processor signed is refused.',
  killedBy: ['webhook.pretty-printed'],
  parts: () => ({ webhookVerifiers: wrappedVerifiers((verify) => (delivery) => verify({ ...delivery, rawBody: reserialised(delivery.rawBody) })) }),
};

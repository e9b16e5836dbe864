import type { DeclarativeGateway } from '../../config/schema.ts';
import type { ProcessorHealth } from './driver.ts';
import { parseJson, pointerGet } from './locate.ts';

type HealthShape = DeclarativeGateway['health'];

function stateOf(value: unknown, shape: HealthShape): ProcessorHealth['state'] {
  const text = value === undefined || value === null ? '' : String(value);
  if (shape.up.includes(text)) return 'up';
  if (shape.down.includes(text)) return 'down';
  return 'unknown';
}

/** Each processor's entry in a health answer: an array of entries (each named at `shape.name`) or an object keyed by name. */
export function readHealth(body: string, shape: HealthShape, mapCode: (code: string) => string): ProcessorHealth[] {
  const list = pointerGet(parseJson(body), shape.processors);
  if (list === null || typeof list !== 'object') return [];
  const entries: [string, unknown][] = Array.isArray(list)
    ? list.map((entry) => [String(pointerGet(entry, shape.name) ?? ''), entry])
    : Object.entries(list);
  return entries.map(([name, entry]) => {
    const code = pointerGet(entry, shape.code);
    return { name, state: stateOf(pointerGet(entry, shape.state), shape), code: typeof code === 'string' && code ? mapCode(code) : null };
  });
}

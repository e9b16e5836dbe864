import { z } from 'zod';

/**
 * Shapes, never values: what a drift report says about the mock's schema and about what a
 * sandbox sent back. A sandbox value could be a token or a card number, so only its type,
 * and for objects its key names, ever leave this file.
 */

export type Path = readonly PropertyKey[];

/** `purchase_units[0].payments.captures`; the root is `(body)`. */
export function fieldPath(path: Path): string {
  if (path.length === 0) return '(body)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** The value at `path`, or undefined when any step is missing. */
export function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The type of a JSON value: `string`, `integer`, `object {id, status}`, `array(2) of object {...}`, `missing`. */
export function shapeOf(value: unknown, depth = 0): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'array(0)';
    const kinds = [...new Set(value.map((item) => shapeOf(item, depth + 1)))];
    return `array(${value.length}) of ${kinds.join(' | ')}`;
  }
  const keys = Object.keys(value);
  return depth > 0 ? `object {${keys.length} keys}` : `object {${keys.join(', ')}}`;
}

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  /** A record's value schema (z.record: `metadata` maps any key to a string). */
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

function describe(node: JsonSchema | undefined): string {
  if (!node) return 'anything';
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return branches.map(describe).join(' | ');
  if (node.allOf) return node.allOf.map(describe).join(' & ');
  const type = Array.isArray(node.type) ? node.type.join(' | ') : node.type;
  if (type === 'object' && node.properties) {
    const required = new Set(node.required ?? []);
    return `object {${Object.keys(node.properties).map((k) => (required.has(k) ? k : `${k}?`)).join(', ')}}`;
  }
  if (type === 'array') return `array${node.minItems ? `(>=${node.minItems})` : ''} of ${describe(node.items)}`;
  if (type === 'string') {
    const length =
      node.minLength !== undefined && node.minLength === node.maxLength ? ` of length ${node.minLength}`
      : node.minLength ? ` (min length ${node.minLength})` : '';
    return `string${length}${node.pattern ? ` matching /${node.pattern}/` : ''}`;
  }
  return type ?? 'anything';
}

/** Every schema node that `path` can reach, through unions too. */
function nodesAt(node: JsonSchema | undefined, path: Path): JsonSchema[] {
  if (!node) return [];
  const branches = node.anyOf ?? node.oneOf ?? node.allOf;
  if (branches) return branches.flatMap((branch) => nodesAt(branch, path));
  if (path.length === 0) return [node];
  const [key, ...rest] = path;
  if (typeof key === 'number') return nodesAt(node.items, rest);
  const property = node.properties?.[String(key)];
  const record = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
  return nodesAt(property ?? record, rest);
}

/** What the schema expects at `path`, e.g. `"succeeded"`, `integer`, `string of length 16`. */
export function schemaShapeAt(schema: z.ZodType, path: Path): string {
  const root = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as JsonSchema;
  const nodes = nodesAt(root, path);
  return nodes.length ? [...new Set(nodes.map(describe))].join(' | ') : 'not in the schema';
}

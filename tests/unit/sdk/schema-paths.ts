import { z } from 'zod';

/**
 * Dotted field paths (`paymentMethod.encryptedCardNumber`, `purchase_units[].amount.value`) of a
 * zod schema, from its JSON Schema: every field the schema names, at every depth. Records
 * (`metadata`) are one path: their keys are the caller's own.
 */
type Node = { properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[]; allOf?: Node[]; required?: string[] };

export function schemaPaths(schema: z.ZodType, io: 'input' | 'output' = 'input'): { all: string[]; required: string[] } {
  const all = new Set<string>();
  const required = new Set<string>();
  const walk = (node: Node | undefined, prefix: string, requiredChain: boolean) => {
    if (!node) return;
    for (const branch of node.anyOf ?? node.oneOf ?? node.allOf ?? []) walk(branch, prefix, requiredChain);
    if (node.items) walk(node.items, `${prefix}[]`, requiredChain);
    const needed = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      all.add(path);
      if (requiredChain && needed.has(key)) required.add(path);
      walk(child, path, requiredChain && needed.has(key));
    }
  };
  walk(z.toJSONSchema(schema, { unrepresentable: 'any', io }) as Node, '', true);
  return { all: [...all].sort(), required: [...required].sort() };
}

/** The same dotted paths, of a JSON value. */
export function valuePaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuePaths(item, `${prefix}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...valuePaths(child, path)];
  });
}

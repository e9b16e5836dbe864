import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ProfileName } from '../../mocks/processors/profile.ts';
import { fieldPath, schemaShapeAt, shapeOf, valueAt } from './shape.ts';

/** Which of the profile's schemas an answer is held to. */
export type SchemaName = 'paymentResponse' | 'declineResponse' | 'errorResponse' | 'tokenResponse';

/** One way a real sandbox answer differs from what the mock serves. Shapes only, never values. */
export const DriftEntry = z.object({
  profile: z.string(),
  route: z.string(),
  schema: z.string(),
  test: z.string(),
  field: z.string(),
  problem: z.string(),
  mockShape: z.string(),
  sandboxShape: z.string(),
});
export type DriftEntry = z.infer<typeof DriftEntry>;

export const DriftReport = z.object({ version: z.literal(1), entries: z.array(DriftEntry) });
export type DriftReport = z.infer<typeof DriftReport>;

export type Answer = { status: number; contentType: string; body: string };

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Holds a sandbox answer to the status and zod schema the mock serves for the same request.
 * A wrong status is one entry (its body then says nothing about this schema); otherwise one
 * entry per schema issue, with the field path.
 */
export function findDrift(check: {
  profile: ProfileName;
  route: string;
  test: string;
  schemaName: SchemaName;
  schema: z.ZodType;
  expectedStatus: number;
  answer: Answer;
}): DriftEntry[] {
  const { answer, schema } = check;
  const base = { profile: check.profile, route: check.route, schema: check.schemaName, test: check.test };
  const body = parseJson(answer.body);
  const bodyShape = body === undefined ? `not JSON (${answer.contentType || 'no content type'}, ${Buffer.byteLength(answer.body)} bytes)` : shapeOf(body);
  if (answer.status !== check.expectedStatus) {
    return [{ ...base, field: '(HTTP status)', problem: `expected HTTP ${check.expectedStatus}, got HTTP ${answer.status}`, mockShape: `HTTP ${check.expectedStatus}, ${schemaShapeAt(schema, [])}`, sandboxShape: `HTTP ${answer.status}, ${bodyShape}` }];
  }
  if (body === undefined) {
    return [{ ...base, field: '(body)', problem: 'the body is not JSON', mockShape: `JSON ${schemaShapeAt(schema, [])}`, sandboxShape: bodyShape }];
  }
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    ...base,
    field: fieldPath(issue.path),
    problem: issue.message,
    mockShape: schemaShapeAt(schema, issue.path),
    sandboxShape: shapeOf(valueAt(body, issue.path)),
  }));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Appends to the drift report; workers write concurrently, so under a directory lock, atomically. */
export function recordDrift(file: string, entries: readonly DriftEntry[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 200) throw error;
      sleep(25);
    }
  }
  try {
    let report: DriftReport = { version: 1, entries: [] };
    try {
      report = DriftReport.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // No report yet (or a broken one from an interrupted run): start afresh.
    }
    report.entries.push(...entries);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The failure a drifted answer raises: each field path with both shapes, and where the report is. */
export function driftMessage(entries: readonly DriftEntry[], file: string): string {
  const first = entries[0]!;
  const lines = entries.map((e) => `  ${e.field}: mock expects ${e.mockShape}; sandbox sent ${e.sandboxShape} (${e.problem})`);
  return `${first.profile} ${first.route}: the sandbox answer drifted from the mock's ${first.schema} schema:\n${lines.join('\n')}\nDrift report: ${file}`;
}

/** A row's verdict in the matrix, `--json` and the summary line. */
export type RowVerdict = 'honoured' | 'honoured (coarse)' | 'waived' | 'not applicable' | 'breached' | 'error' | 'skipped';

type Annotation = { type: string; description?: string };

/**
 * How a finished contract test reads in the matrix. `not applicable`, `waived` and
 * `honoured (coarse)` come from the annotations the contract fixture adds, each with its reason;
 * a failure with an observation is a breach, one without is an error of the harness.
 */
export function classifyRow(status: string, annotations: readonly Annotation[], hasObservation: boolean): { verdict: RowVerdict; reason: string | null } {
  const find = (type: string) => annotations.find((a) => a.type === type)?.description ?? null;
  if (status === 'skipped') {
    const reason = find('not-applicable');
    return reason ? { verdict: 'not applicable', reason } : { verdict: 'skipped', reason: find('skip') };
  }
  if (status === 'passed') {
    const declared = find('verdict');
    if (declared?.startsWith('honoured (coarse')) return { verdict: 'honoured (coarse)', reason: declared };
    if (declared?.startsWith('waived: ')) return { verdict: 'waived', reason: declared.slice('waived: '.length) };
    return { verdict: 'honoured', reason: null };
  }
  return { verdict: hasObservation ? 'breached' : 'error', reason: null };
}

/** Counts per verdict, for the summary line and `--json`. */
export function countRows(rows: readonly { verdict: RowVerdict }[]) {
  const count = (v: RowVerdict) => rows.filter((r) => r.verdict === v).length;
  return {
    honoured: count('honoured'),
    coarse: count('honoured (coarse)'),
    waived: count('waived'),
    notApplicable: count('not applicable'),
    breached: count('breached'),
    errors: count('error'),
    skipped: count('skipped'),
  };
}

/** "80 honoured, 2 honoured (coarse), 1 waived, 9 not applicable, 0 breached" (zero counts of the declared kinds left out). */
export function summaryCounts(c: ReturnType<typeof countRows>): string {
  const parts = [`${c.honoured} honoured`];
  if (c.coarse) parts.push(`${c.coarse} honoured (coarse)`);
  if (c.waived) parts.push(`${c.waived} waived`);
  if (c.notApplicable) parts.push(`${c.notApplicable} not applicable`);
  parts.push(`${c.breached} breached`);
  if (c.errors) parts.push(`${c.errors} harness error${c.errors > 1 ? 's' : ''}`);
  if (c.skipped) parts.push(`${c.skipped} skipped`);
  return parts.join(', ');
}

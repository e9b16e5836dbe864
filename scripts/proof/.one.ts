import { runMatrix } from '/work/main/scripts/proof/matrix-run.ts';
const run = await runMatrix({ gateway: process.argv[2], workers: 2, grep: process.argv[3] });
console.log(run.wallMs, run.exitCode);
for (const r of (run.result?.scenarios ?? []).filter((r) => r.verdict !== "honoured")) console.log(r.id, r.verdict, r.ms, (r.message ?? '').slice(0, 250));

import { UsageError } from './usage.ts';
import { quietOnClosedPipe } from '../lifetime/closed-pipe.ts';

/**
 * Runs a command body and turns its result or error into an exit code. A command decides 0 and 1
 * itself (held / a problem found); anything it throws is gatecheck's or the environment's fault,
 * never a finding: exit 2 with one line (a usage error as it is, anything else with its code).
 */
export async function runMain(body: () => Promise<number>): Promise<void> {
  quietOnClosedPipe();
  try {
    process.exitCode = await body();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    const code = (error as { code?: string }).code;
    console.error(`gatecheck: harness error: ${code ? `${code}: ` : ''}${(error as Error).message.split('\n')[0]}`);
    process.exitCode = 2;
  }
}

import { UsageError } from './usage.ts';
import { quietOnClosedPipe } from '../lifetime/closed-pipe.ts';

/** Runs a command body and turns its result or error into an exit code (2 for usage errors). */
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
    console.error(`gatecheck: ${code ? `${code}: ` : ''}${(error as Error).message}`);
    process.exitCode = 1;
  }
}

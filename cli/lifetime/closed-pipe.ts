/**
 * `gatecheck list | head -1`: the reader closed the pipe, so there is nobody left to print to.
 * Stop quietly (exit 0, as `yes | head -1` does for the reader's sake) instead of an EPIPE stack.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

/**
 * A gateway command as argv, when it is a plain list of words: unquoted words of ordinary
 * characters, 'single-quoted' and "double-quoted" words without `$`, backquotes or backslashes
 * inside. Anything a shell would interpret (pipes, redirections, variables, globs, `~`, `VAR=x`
 * prefixes, `&&`, escapes) gives null, and the command runs through /bin/sh as written. Spawning the
 * words directly saves a shell process per scenario and means the same as `sh -c` for such a command.
 */
export function commandWords(command: string): string[] | null {
  const words: string[] = [];
  const token = /\s*(?:'([^']*)'|"([^"$`\\]*)"|([A-Za-z0-9_@%+=:,./-]+))/y;
  let at = 0;
  let current: string | null = null;
  while (at < command.length) {
    if (/\s/.test(command[at]!)) {
      if (current !== null) words.push(current);
      current = null;
      while (at < command.length && /\s/.test(command[at]!)) at++;
      continue;
    }
    token.lastIndex = at;
    const match = token.exec(command);
    if (!match || match.index !== at) return null;
    current = (current ?? '') + (match[1] ?? match[2] ?? match[3] ?? '');
    at = token.lastIndex;
  }
  if (current !== null) words.push(current);
  if (words.length === 0) return null;
  // A leading VAR=value is an assignment to the shell, not a program name.
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) return null;
  return words;
}

/**
 * Whole sentences of `text` up to about `max` characters, never cut mid-sentence: at least the
 * first sentence, whatever its length. Whitespace and line breaks collapse to single spaces.
 */
export function wholeSentences(text: string, max: number): string {
  const sentences = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?;])\s+(?=[A-Z"'(`])/);
  let out = sentences[0] ?? '';
  for (const next of sentences.slice(1)) {
    if (out.length + 1 + next.length > max) break;
    out += ` ${next}`;
  }
  return out;
}

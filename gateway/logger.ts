/**
 * Structured JSON log lines. Every value passes the redactor: secrets from the config (and tokens
 * learnt at run time) are replaced by value wherever they appear, and card numbers keep only their
 * last four digits.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogLine = { time: string; level: LogLevel; msg: string; code?: string; processor?: string; [field: string]: unknown };
export type LogFields = Omit<Partial<LogLine>, 'time' | 'level' | 'msg'>;
export type LogSink = (line: string) => void;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** The lines written so far (the most recent 5000). */
  lines(): LogLine[];
}

export interface Redactor {
  /** Adds a secret learnt at run time (an OAuth2 access token). */
  add(secret: string): void;
  text(value: string): string;
  value<T>(value: T): T;
}

/** Secrets shorter than this are not redacted by value (they would blank out ordinary text). */
const MIN_SECRET = 4;
// 13 to 19 digits, optionally grouped by spaces or dashes: what a PAN looks like in text.
const PAN = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A card number keeps its last four digits; digit runs that fail the Luhn check are left alone. */
export function maskPan(digits: string): string {
  const plain = digits.replace(/[ -]/g, '');
  return luhn(plain) ? `${'*'.repeat(plain.length - 4)}${plain.slice(-4)}` : digits;
}

export function createRedactor(initial: Iterable<string>): Redactor {
  const secrets = new Set<string>();
  const add = (secret: string) => {
    if (secret.length >= MIN_SECRET) secrets.add(secret);
  };
  for (const s of initial) add(s);
  const text = (input: string): string => {
    let out = input;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    }
    return out.replace(PAN, maskPan);
  };
  const value = <T>(input: T): T => {
    if (typeof input === 'string') return text(input) as T;
    if (Array.isArray(input)) return input.map(value) as T;
    if (input instanceof Error) return text(input.message) as T;
    if (input && typeof input === 'object') {
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, value(v)])) as T;
    }
    return input;
  };
  return { add, text, value };
}

const KEEP = 5000;

export type LoggerPart = (options: { sink: LogSink | undefined; redactor: Redactor; now: () => number }) => Logger;

export const createLogger: LoggerPart = ({ sink, redactor, now }) => {
  const kept: LogLine[] = [];
  const write = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    const line = redactor.value({ time: new Date(now()).toISOString(), level, msg, ...fields }) as LogLine;
    kept.push(line);
    if (kept.length > KEEP) kept.splice(0, kept.length - KEEP);
    sink?.(JSON.stringify(line));
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    lines: () => kept.map((l) => ({ ...l })),
  };
};

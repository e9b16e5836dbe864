/** ISO 4217 currencies without minor units (Stripe's list): their decimal amount is the minor amount. */
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);

const decimals = (currency: string) => (ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2);

/** A decimal string as PayPal and Visa send it ("10.00", "10.5", "1000") is well formed for `currency`. */
export function isDecimalAmount(value: string, currency: string): boolean {
  return decimals(currency) === 0 ? /^\d{1,12}$/.test(value) : /^\d{1,12}(\.\d{1,2})?$/.test(value);
}

/** "10.00" EUR -> 1000; "1000" JPY -> 1000. The value must be well formed (`isDecimalAmount`). */
export function decimalToMinor(value: string, currency: string): number {
  const [whole = '0', fraction = ''] = value.split('.');
  const places = decimals(currency);
  return Number(whole) * 10 ** places + Number(fraction.padEnd(places, '0') || '0');
}

/** 1000 EUR -> "10.00"; 1000 JPY -> "1000". */
export function minorToDecimal(amount: number, currency: string): string {
  const places = decimals(currency);
  return places === 0 ? String(amount) : `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource, quantity.go): a decimal number and a
 * suffix, binary (Ki = 1024) or decimal (k = 1000) or a decimal exponent (`1e3`).
 */

// <quantity> ::= <signedNumber><suffix>, as quantity.go's ParseQuantity reads it.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** The multiplier of each suffix. */
export const QUANTITY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/**
 * The value of a quantity (as a JSON string or number), or undefined when Kubernetes would not parse it.
 * Exact enough to compare a request with its limit.
 */
export function quantityValue(quantity: unknown): number | undefined {
  if (typeof quantity === 'number') return Number.isFinite(quantity) ? quantity : undefined;
  if (typeof quantity !== 'string') return undefined;
  const match = QUANTITY.exec(quantity);
  if (!match) return undefined;
  const [, number, suffix = ''] = match;
  const multiplier = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : QUANTITY_SUFFIXES[suffix];
  return Number(number) * multiplier;
}

import { type Cents, Dec, formatCents } from '../../money/index.js';

/**
 * Quantity and unit price of a UBL line. Peppol checks that the line net amount equals quantity
 * x price within 0.02 (PEPPOL-EN16931-R120); EN 16931 limits the line amount to two decimals
 * (BR-DEC-23) but not the price (BT-146). So the price per day is written with two decimals when
 * the amount divides exactly by the days, and otherwise with as few more decimals as make
 * quantity x price round back to the line amount: 1,000.00 for 3 days is 333.333 a day
 * (3 x 333.333 = 999.999, which rounds to 1,000.00). The error is then below half a cent,
 * whatever the number of days. All arithmetic is decimal.js, never floats.
 */
export interface LinePricing {
  /** The quantity as written: "3". */
  readonly quantity: string;
  /** UN/ECE Rec. 20 unit: DAY for days worked, C62 ("one") for a lump sum. */
  readonly unitCode: string;
  /** The net price of one unit, at least two decimals: "333.333". */
  readonly price: string;
}

export const UNIT_DAY = 'DAY';
export const UNIT_ONE = 'C62';

const MAX_PRICE_DECIMALS = 20;

/** The pricing of a line of `netCents` for `quantity` units of `unitCode`. */
export function linePricing(netCents: Cents, quantity: number, unitCode: string): LinePricing {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return lumpSum(netCents);
  const net = new Dec(netCents).div(100);
  const exact = net.div(quantity);
  for (let decimals = 2; decimals <= MAX_PRICE_DECIMALS; decimals += 1) {
    const price = exact.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
    if (price.mul(quantity).sub(net).abs().lt('0.005')) {
      return { quantity: String(quantity), unitCode, price: price.toFixed(decimals) };
    }
  }
  return lumpSum(netCents);
}

/** One unit at the whole amount: always exact. */
export function lumpSum(netCents: Cents): LinePricing {
  return { quantity: '1', unitCode: UNIT_ONE, price: formatCents(netCents) };
}

/** A VAT rate as stored ("0.21") written as the percentage UBL wants ("21"). */
export { percentOf } from '../../money/rates.js';

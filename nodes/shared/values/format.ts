/**
 * Numbers as people read them in messages: "1,234.5" and money as "1,234.50". The formatters are
 * built once: Number#toLocaleString builds one per call, which costs microseconds each time.
 */
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234.5 -> "1,234.5"; 0.3333 -> "0.33". */
export const formatDecimal = (value: number): string => DECIMAL.format(value);

/** 1234.5 -> "1,234.50". */
export const formatMoney = (value: number): string => MONEY.format(value);

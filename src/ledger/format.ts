/** Numbers and rates as the report shows them, in the kit's language. */

export interface NumberFormat {
  number(value: number): string;
  percent(rate: number | null): string;
  /** A value from the ledger: in `currency` from kit.yaml when it names one, a plain number otherwise. */
  money(value: number): string;
}

export function numberFormat(language: string, currency?: string): NumberFormat {
  let locale = 'en';
  try {
    locale = Intl.NumberFormat.supportedLocalesOf([language])[0] ?? 'en';
  } catch {
    // A tag Intl cannot read (`site.language` is checked for shape only): English digits.
  }
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const money = currency ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }) : whole;
  return {
    money: (value) => money.format(value),
    number: (value) => whole.format(value),
    percent: (rate) => (rate === null ? '–' : percent.format(rate)),
  };
}

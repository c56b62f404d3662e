/**
 * The numbers the widgets print, pinned string for string in English and Russian: what the lessons
 * show (ERF sizes and ratios, file sizes, centres, offsets, the worked example's exact values, accuracy
 * and GFLOPs) and the edge cases around them (0, negatives, 1,000 and more, halves). Each widget's
 * formatter is a thin call of the kit's Intl.NumberFormat formatter; these strings are what they printed
 * before that, so a change of grouping space, minus sign, decimal comma or the space before % fails.
 * Catches: a formatter that groups where the widget never grouped ("12 345" for "12345"), U+202F for
 * U+00A0, a hyphen for U+2212 or back, "25%" for "25 %".
 */
import { describe, expect, it } from 'vitest';
import {
  formatNumber as erfNumber,
  formatPercent as erfPercent,
} from '../../../components/widgets/erf-playground';
import { formatBytes } from '../../../components/widgets/onnx-report';
import { formatPixels } from '../../../components/widgets/rf-on-image';
import { formatOffset } from '../../../components/widgets/alignment-lab';
import { formatValue } from '../../../components/widgets/worked-example';
import { formatAccuracy, formatFixed, formatGflops } from '../../../components/widgets/accuracy-rf-chart';
import { formatNumber, formatPercent } from '../../../components/widgets/parts/number';
import { accuracyVsRf } from '../../../src/data/accuracy-vs-rf';

describe('widget number formats (en, ru)', () => {
  it('ERF sizes: fixed decimals, grouped as the locale groups (U+00A0 in Russian), hyphen-minus, — for no value', () => {
    const table: [number, number, string, string][] = [
      [0, 1, '0.0', '0,0'],
      [12.34, 1, '12.3', '12,3'],
      [7.05, 1, '7.1', '7,1'],
      [0.25, 1, '0.3', '0,3'],
      [2.5, 0, '3', '3'],
      [3.5, 0, '4', '4'],
      [-1.5, 1, '-1.5', '-1,5'],
      [999.96, 1, '1,000.0', '1\u00a0000,0'],
      [1234.5, 1, '1,234.5', '1\u00a0234,5'],
      [12345.67, 1, '12,345.7', '12\u00a0345,7'],
      [1.2345, 2, '1.23', '1,23'],
      [0.6789, 2, '0.68', '0,68'],
      [Infinity, 1, '—', '—'],
      [NaN, 1, '—', '—'],
    ];
    for (const [v, digits, en, ru] of table) {
      expect(erfNumber(v, 'en', digits), `${v}`).toBe(en);
      expect(erfNumber(v, 'ru', digits), `${v}`).toBe(ru);
    }
  });

  it('ERF ratios: percent with a space before % in both languages', () => {
    const table: [number, number, string, string][] = [
      [0, 0, '0 %', '0 %'],
      [0.25, 0, '25 %', '25 %'],
      [0.4567, 0, '46 %', '46 %'],
      [0.125, 1, '12.5 %', '12,5 %'],
      [0.995, 0, '100 %', '100 %'],
      [1, 0, '100 %', '100 %'],
      [0.0123, 1, '1.2 %', '1,2 %'],
      [12.5, 0, '1,250 %', '1\u00a0250 %'],
      [0.333333, 1, '33.3 %', '33,3 %'],
    ];
    for (const [v, digits, en, ru] of table) {
      expect(erfPercent(v, 'en', digits), `${v}`).toBe(en);
      expect(erfPercent(v, 'ru', digits), `${v}`).toBe(ru);
    }
  });

  it('file sizes: one decimal under 100, grouped from 1,000', () => {
    const table: [number, string, string][] = [
      [0, '0 B', '0 Б'],
      [812, '812 B', '812 Б'],
      [999, '999 B', '999 Б'],
      [1000, '1 KB', '1 КБ'],
      [3400, '3.4 KB', '3,4 КБ'],
      [12345, '12.3 KB', '12,3 КБ'],
      [97800000, '97.8 MB', '97,8 МБ'],
      [999600, '1,000 KB', '1\u00a0000 КБ'],
      [99960, '100 KB', '100 КБ'],
      [1234000000, '1.2 GB', '1,2 ГБ'],
      [5000000000000, '5,000 GB', '5\u00a0000 ГБ'],
      [1500000000000000, '1,500,000 GB', '1\u00a0500\u00a0000 ГБ'],
    ];
    for (const [v, en, ru] of table) {
      expect(formatBytes(v, 'en'), `${v}`).toBe(en);
      expect(formatBytes(v, 'ru'), `${v}`).toBe(ru);
    }
  });

  it('photo centres: whole numbers as they are, others with one decimal, never grouped', () => {
    const table: [number, string, string][] = [
      [0, '0', '0'],
      [17, '17', '17'],
      [17.5, '17.5', '17,5'],
      [0.25, '0.3', '0,3'],
      [-1.5, '-1.5', '-1,5'],
      [-3, '-3', '-3'],
      [2.25, '2.3', '2,3'],
      [1.04, '1.0', '1,0'],
      [12345, '12345', '12345'],
      [12345.5, '12345.5', '12345,5'],
      [1 / 3, '0.3', '0,3'],
    ];
    for (const [v, en, ru] of table) {
      expect(formatPixels(v, 'en'), `${v}`).toBe(en);
      expect(formatPixels(v, 'ru'), `${v}`).toBe(ru);
    }
  });

  it('alignment offsets: up to three decimals, U+2212 minus, never grouped', () => {
    const table: [number, string, string][] = [
      [0, '0', '0'],
      [1, '1', '1'],
      [2, '2', '2'],
      [-1, '−1', '−1'],
      [0.5, '0.5', '0,5'],
      [-1.5, '−1.5', '−1,5'],
      [1 / 3, '0.333', '0,333'],
      [-2 / 3, '−0.667', '−0,667'],
      [0.25, '0.25', '0,25'],
      [1.0005, '1.001', '1,001'],
      [12345, '12345', '12345'],
      [-12345.25, '−12345.25', '−12345,25'],
      [4 / 3, '1.333', '1,333'],
    ];
    for (const [v, en, ru] of table) {
      expect(formatOffset(v, 'en'), `${v}`).toBe(en);
      expect(formatOffset(v, 'ru'), `${v}`).toBe(ru);
    }
  });

  it('worked example: the exact value as the engine writes it, U+2212 minus, fractions kept', () => {
    const table: [string, string, string][] = [
      ['0', '0', '0'],
      ['3', '3', '3'],
      ['-1', '−1', '−1'],
      ['0.5', '0.5', '0,5'],
      ['-1.25', '−1.25', '−1,25'],
      ['1/3', '1/3', '1/3'],
      ['-7/6', '−7/6', '−7/6'],
      ['12345', '12345', '12345'],
      ['0.0625', '0.0625', '0,0625'],
      ['-12345.125', '−12345.125', '−12345,125'],
    ];
    for (const [v, en, ru] of table) {
      expect(formatValue(v, 'en'), v).toBe(en);
      expect(formatValue(v, 'ru'), v).toBe(ru);
    }
  });

  it('accuracy chart: fixed decimals, never grouped, hyphen-minus', () => {
    const table: [number, number, string, string][] = [
      [78, 1, '78.0', '78,0'],
      [76.13, 1, '76.1', '76,1'],
      [5.69, 2, '5.69', '5,69'],
      [0.25, 1, '0.3', '0,3'],
      [0.62, 2, '0.62', '0,62'],
      [0, 1, '0.0', '0,0'],
      [-1.5, 1, '-1.5', '-1,5'],
      [1234.5, 1, '1234.5', '1234,5'],
      [12345.678, 2, '12345.68', '12345,68'],
      [2.5, 0, '3', '3'],
      [0.125, 2, '0.13', '0,13'],
    ];
    for (const [v, digits, en, ru] of table) {
      expect(formatFixed(v, digits, 'en'), `${v}`).toBe(en);
      expect(formatFixed(v, digits, 'ru'), `${v}`).toBe(ru);
    }
  });

  it('accuracy chart: every top-1 and GFLOPs value of the data set reads as its decimal rounded', () => {
    // The reference: the value written with toFixed, the decimal point made a comma in Russian.
    const fixed = (v: number, digits: number, ru: boolean) =>
      ru ? v.toFixed(digits).replace('.', ',') : v.toFixed(digits);
    expect(accuracyVsRf.length).toBeGreaterThanOrEqual(10);
    for (const p of accuracyVsRf) {
      expect(formatAccuracy(p.top1, 'en')).toBe(fixed(p.top1, 1, false));
      expect(formatAccuracy(p.top1, 'ru')).toBe(fixed(p.top1, 1, true));
      expect(formatGflops(p.gflops, 'en')).toBe(fixed(p.gflops, 2, false));
      expect(formatGflops(p.gflops, 'ru')).toBe(fixed(p.gflops, 2, true));
    }
  });
});

describe('the kit formatter formatNumber(locale, n, style)', () => {
  it('groups only from 10,000 by default, with U+00A0 in Russian, and writes the minus as U+2212', () => {
    expect(formatNumber('en', 4096)).toBe('4096');
    expect(formatNumber('en', 12288)).toBe('12,288');
    expect(formatNumber('ru', 12288)).toBe('12\u00a0288');
    expect(formatNumber('ru', -12288)).toBe('−12\u00a0288');
    expect(formatNumber('en', -0)).toBe('0');
  });

  it('fixed digits, locale grouping, no grouping and the hyphen-minus on request', () => {
    expect(formatNumber('ru', 1234.5, { digits: 2, fixed: true, grouping: 'locale' })).toBe('1\u00a0234,50');
    expect(formatNumber('en', 1234.5, { digits: 2, grouping: 'locale' })).toBe('1,234.5');
    expect(formatNumber('en', 123456, { grouping: 'never' })).toBe('123456');
    expect(formatNumber('ru', -1.5, { digits: 1, minus: 'hyphen' })).toBe('-1,5');
  });

  it('formats an exact decimal given as text digit for digit', () => {
    expect(
      formatNumber('ru', '-0.1000000000000000055511151231257827', { digits: 34, grouping: 'never' }),
    ).toBe('−0,1000000000000000055511151231257827');
  });

  it('percent: the fraction × 100 with a space before % in both languages', () => {
    expect(formatPercent('en', 0.25)).toBe('25 %');
    expect(formatPercent('ru', 0.125, { digits: 1 })).toBe('12,5 %');
  });
});

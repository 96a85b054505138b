import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { qrCode, qrSvg } from '../src/images/qr.ts';
import { decodePng, decodeQr } from './helpers/png.ts';

describe('QR codes', () => {
  it('decode to exactly the URL they were made from', () => {
    for (const url of ['https://example.com/for/jane-smith/', 'https://owner.github.io/referrals/for/zoe-angstrom/?x=1&y=ü']) {
      const png = new Resvg(qrSvg(url), { fitTo: { mode: 'width', value: 400 } }).render().asPng();
      expect(decodeQr(decodePng(png))).toBe(url);
    }
  });

  it('keep a quiet zone and use one path', () => {
    const { size, path } = qrCode('https://example.com/');
    expect(size).toBeGreaterThanOrEqual(21 + 8);
    expect(path.startsWith('M4 4h')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/core/format';

describe('maskPhone', () => {
  it('shows the first three and last three digits of a mobile number', () => {
    expect(maskPhone('0912345678')).toBe('091****678');
  });

  it('masks an 11-digit landline the same way', () => {
    expect(maskPhone('02093123456')).toBe('020*****456');
  });

  it('never shows the middle digits', () => {
    expect(maskPhone('0912345678')).not.toContain('2345');
  });

  it('masks short strings entirely', () => {
    expect(maskPhone('123456')).toBe('******');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('')).toBe('');
  });

  it('keeps the length of the number', () => {
    expect(maskPhone('1234567')).toBe('123*567');
  });
});

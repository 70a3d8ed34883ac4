import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '../../src/residents/masking.ts';

describe('masking', () => {
  it.each([
    ['张三丰', '张**'],
    ['李四', '李*'],
    ['王', '王*'],
    ['Li Wei', 'L* W**'],
    ['  Anna  ', 'A***'],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['12345678', '123*5678'],
    ['110', '*10'],
  ])('masks the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('never keeps more than 7 digits of a phone', () => {
    const masked = maskPhone('13812345678');

    expect(masked.replace(/\*/g, '').length).toBe(7);
  });
});

/**
 * Display masking (DESIGN.md: names and phones stored masked). The unmasked values are never
 * stored, so masking is one-way and happens before anything is written.
 */

/** 张三丰 → 张**; Li Wei → L* W**: the first character of each word stays. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const chars = [...word];
      return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
    })
    .join(' ');
}

/** 13812345678 → 138****5678; shorter numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  // A mainland mobile with its country code (+86) masks like the same number without it.
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length >= 8) return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
  return '*'.repeat(Math.max(digits.length - 2, 0)) + digits.slice(-2);
}

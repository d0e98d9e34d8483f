/** Relative luminance of an sRGB colour like #1c5fa8 (WCAG 2.2 definition). */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return 0;
  const n = parseInt(m[1]!, 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white, whichever reads better on the organisation's colour: one of them always reaches 4.5:1,
 * so any colour an administrator picks keeps the header readable (WCAG 1.4.3).
 */
export function readableTextOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** The organisation's colour when it is a valid #rrggbb, otherwise Verity's own. */
export function brandColour(value: string | undefined): string {
  return value && /^#[0-9a-f]{6}$/i.test(value) ? value : '#1c5fa8';
}

/** Colours of codes: telling the pale ones that need an outline on white. */

/** Relative luminance (WCAG) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

/** Against white, under 3:1 a colour is too pale to be seen on its own. */
export const isPale = (hex: string) => /^#[0-9a-f]{6}$/i.test(hex) && 1.05 / (luminance(hex) + 0.05) < 3

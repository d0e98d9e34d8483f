import { createTheme, type CSSVariablesResolver } from '@mantine/core';

const systemFonts =
  'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/** Verity's look: teal, generous radius, system fonts (no external font downloads under the CSP). */
export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white button text above 4.5:1 contrast.
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'md',
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts, fontWeight: '700' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    // Inside a dialog a <header> would count as a second page banner landmark.
    ModalHeader: { defaultProps: { component: 'div' } },
    DrawerHeader: { defaultProps: { component: 'div' } },
    // Closed option lists leave the page, so a field's label names one element only (the input).
    Combobox: { defaultProps: { keepMounted: false } },
    // Filled avatars keep initials above 4.5:1 contrast.
    Avatar: { defaultProps: { variant: 'filled' } },
    // The asterisk is drawn by CSS (styles.css) so labels read exactly "Email", "Password"… to assistive
    // technology and to tests; the input's own `required` attribute still announces it.
    TextInput: { defaultProps: { withAsterisk: false } },
    PasswordInput: {
      defaultProps: {
        withAsterisk: false,
        // Mantine's default label contains the word "password", which would make the field's label ambiguous.
        visibilityToggleButtonProps: { 'aria-label': 'Show or hide what you typed' },
      },
    },
    Textarea: { defaultProps: { withAsterisk: false } },
    Select: { defaultProps: { withAsterisk: false } },
    MultiSelect: { defaultProps: { withAsterisk: false } },
    NumberInput: { defaultProps: { withAsterisk: false } },
    CheckboxGroup: { defaultProps: { withAsterisk: false } },
    Card: { defaultProps: { radius: 'md' } },
    Badge: {
      defaultProps: { radius: 'sm', variant: 'light', tt: 'none' },
      // Badges are short; never cut one to "Act…" when a table column is tight.
      styles: { label: { overflow: 'visible' } },
    },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    Drawer: {
      defaultProps: {
        position: 'right',
        size: 'lg',
        padding: 'lg',
        closeButtonProps: { 'aria-label': 'Close' },
      },
    },
    Modal: { defaultProps: { padding: 'lg', radius: 'md', closeButtonProps: { 'aria-label': 'Close' } } },
    Alert: { defaultProps: { closeButtonLabel: 'Dismiss' } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } },
  },
});

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Darkens a colour step by step until it reaches 4.5:1 against a background. */
function readableOn(text: string, background: string): string {
  let out = text;
  for (let i = 0; i < 10 && contrast(out, background) < 4.6; i++) {
    out = `#${[1, 3, 5]
      .map((k) =>
        Math.round(parseInt(out.slice(k, k + 2), 16) * 0.85)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
  }
  return out;
}

/**
 * Accessible contrast everywhere (WCAG AA, 4.5:1): secondary ("dimmed") text, placeholders, and the
 * "light" variant of every colour (badges, light buttons, the active navigation link) in light mode.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': '#5f666d',
    '--mantine-color-placeholder': '#6c757d',
    // Error text and invalid field borders: red.6 is only ~3.3:1 on white; red.9 is above 5:1.
    '--mantine-color-error': '#c92a2a',
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    const bg = shades[0];
    const text = shades[9];
    if (!bg || !text || name === 'dark') continue;
    light[`--mantine-color-${name}-light`] = bg;
    light[`--mantine-color-${name}-light-hover`] = shades[1] ?? bg;
    light[`--mantine-color-${name}-light-color`] = readableOn(text, shades[1] ?? bg);
  }
  return {
    variables: {},
    light,
    dark: { '--mantine-color-dimmed': '#a6a7ab', '--mantine-color-placeholder': '#9c9da1' },
  };
};

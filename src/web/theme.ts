import { createTheme } from '@mantine/core';

const systemFonts =
  'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/** Verity's look: teal, generous radius, system fonts (no external font downloads under the CSP). */
export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white button text above 4.5:1 contrast.
  primaryShade: { light: 9, dark: 8 },
  defaultRadius: 'md',
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts, fontWeight: '700' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
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
    Drawer: { defaultProps: { position: 'right', size: 'lg', padding: 'lg' } },
    Modal: { defaultProps: { padding: 'lg', radius: 'md' } },
  },
});

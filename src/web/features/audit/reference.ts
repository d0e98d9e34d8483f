/**
 * A case reference as typed or read aloud, in the form the server stores (`VR-26-7KQ4-MX`): upper case,
 * no spaces, and after the year O read as 0 and I or L as 1 (references never use those letters).
 * Mirrors the server's normaliseReference, which the web may not import.
 */
export function normaliseReference(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(
      /^(VR-\d{2}-)(.*)$/,
      (_m, head: string, tail: string) => head + tail.replace(/O/g, '0').replace(/[IL]/g, '1'),
    );
}

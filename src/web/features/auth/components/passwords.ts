/** The server's password rule (12–200 characters), checked before sending. */
export function validateNewPassword(value: string): string | null {
  if (value.length < 12) return 'Must be at least 12 characters';
  if (value.length > 200) return 'Must be at most 200 characters';
  return null;
}

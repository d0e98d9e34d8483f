/** Pieces the case forms (new contact, edit, transitions, queue filters) share. */

/** A label map from the contracts (value → label) as select options. */
export const labelOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Checks for the customer's optional email address and phone number. */
export const customerContactValidation = {
  email: (v: string) =>
    !v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an email address, or leave it empty',
  phone: (v: string) =>
    !v.trim() || /^[+()0-9 .-]{3,40}$/.test(v.trim()) ? null : 'Use digits, spaces and + ( ) - . only',
};

import type { ReactNode } from 'react';
import type { z } from 'zod';
import { isApiError } from './api.js';

/** The bits of a Mantine form these helpers touch, so they work with any form's value type. */
interface FormLike {
  getValues(): unknown;
  setErrors(errors: Record<string, ReactNode>): void;
}

/**
 * The form field a server or schema path names: `body.areaIds.0` → `areaIds` (the MultiSelect), or
 * null when the form has no such field. A list is one field: paths never reach inside it.
 */
export function fieldForPath(values: unknown, path: string): string | null {
  const segments = path
    .replace(/^body(\.|$)/, '')
    .split('.')
    .filter(Boolean);
  const found: string[] = [];
  let cur: unknown = values;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(s in cur)) break;
    found.push(s);
    cur = (cur as Record<string, unknown>)[s];
  }
  // A group of fields (e.g. `organisation`) has no input of its own to show the message on.
  const isGroup = cur !== null && typeof cur === 'object' && !Array.isArray(cur);
  return found.length && !isGroup ? found.join('.') : null;
}

/** "must be at least 12 characters" → "Must be at least 12 characters". */
export function sentence(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

/**
 * Puts the server's field errors on the form's fields. Returns the messages that belong to no field
 * (to show in an alert) — empty when every problem found its field.
 */
export function applyServerErrors(form: FormLike, error: unknown): string[] {
  if (!isApiError(error) || !error.fieldErrors.length) return [];
  const values = form.getValues();
  const errors: Record<string, ReactNode> = {};
  const leftover: string[] = [];
  for (const e of error.fieldErrors) {
    const field = fieldForPath(values, e.path);
    if (field) errors[field] ??= sentence(e.message);
    else leftover.push(`${e.path.replace(/^body\.?/, '') || 'Request'}: ${e.message}`);
  }
  form.setErrors(errors);
  return leftover;
}

/** A Mantine form validator from a contract schema, so the browser checks what the server will. */
export function zodValidate<T extends z.ZodType>(schema: T) {
  return (values: unknown): Record<string, ReactNode> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, ReactNode> = {};
    for (const issue of result.error.issues) {
      const field = fieldForPath(values, issue.path.map(String).join('.'));
      if (field) errors[field] ??= sentence(issue.message);
    }
    return errors;
  };
}

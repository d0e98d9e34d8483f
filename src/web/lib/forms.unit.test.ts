import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { applyServerErrors, fieldForPath, sentence } from './forms.js';

describe('fieldForPath', () => {
  const values = { name: '', areaIds: ['a'], organisation: { name: '' }, admin: { email: '' } };

  it('strips the body prefix', () => {
    expect(fieldForPath(values, 'body.name')).toBe('name');
  });

  it('maps an array element to the list field that holds it', () => {
    expect(fieldForPath(values, 'body.areaIds.0')).toBe('areaIds');
    expect(fieldForPath(values, 'body.areaIds.7')).toBe('areaIds');
  });

  it('keeps nested paths', () => {
    expect(fieldForPath(values, 'body.organisation.name')).toBe('organisation.name');
    expect(fieldForPath(values, 'admin.email')).toBe('admin.email');
  });

  it('answers null for a field the form does not have', () => {
    expect(fieldForPath(values, 'body.token')).toBeNull();
    expect(fieldForPath(values, 'body')).toBeNull();
    expect(fieldForPath(values, 'body.organisation')).toBeNull();
  });
});

describe('applyServerErrors', () => {
  function fakeForm(values: unknown) {
    const form = {
      errors: {} as Record<string, unknown>,
      getValues: () => values,
      setErrors: (e: Record<string, unknown>) => {
        form.errors = e;
      },
    };
    return form;
  }

  it('puts each problem on its field and returns the ones that fit nowhere', () => {
    const form = fakeForm({ name: '', code: '', areaIds: [] });
    const error = new ApiError(400, {
      type: '/problems/validation',
      title: 'Your request has problems',
      status: 400,
      detail: 'Some fields need attention.',
      errors: [
        { path: 'body.name', message: 'is already used by another business area' },
        { path: 'body.areaIds.1', message: 'is not a business area' },
        { path: 'body.token', message: 'is not valid' },
      ],
    });
    expect(applyServerErrors(form, error)).toEqual(['token: is not valid']);
    expect(form.errors).toEqual({
      name: 'Is already used by another business area',
      areaIds: 'Is not a business area',
    });
  });

  it('ignores errors that are not problem responses', () => {
    const form = fakeForm({ name: '' });
    expect(applyServerErrors(form, new Error('network'))).toEqual([]);
    expect(form.errors).toEqual({});
  });
});

describe('sentence', () => {
  it('capitalises the first letter only', () => {
    expect(sentence('must be at least 12 characters')).toBe('Must be at least 12 characters');
    expect(sentence('')).toBe('');
  });
});

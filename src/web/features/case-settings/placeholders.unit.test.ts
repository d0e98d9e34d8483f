import { describe, expect, it } from 'vitest';
import { insertAtCursor, unknownPlaceholders } from './placeholders.js';

describe('template placeholders', () => {
  it('inserts at the cursor and moves the cursor past the placeholder', () => {
    expect(insertAtCursor('Dear ,', 'customer.name', 5)).toEqual({
      text: 'Dear {{customer.name}},',
      cursor: 22,
    });
  });

  it('replaces a selection', () => {
    expect(insertAtCursor('Ref: XXX.', 'case.reference', 5, 8).text).toBe('Ref: {{case.reference}}.');
  });

  it('appends when the cursor is unknown or out of range', () => {
    expect(insertAtCursor('Hello', 'area.name', null).text).toBe('Hello{{area.name}}');
    expect(insertAtCursor('Hello', 'area.name', 99).text).toBe('Hello{{area.name}}');
    expect(insertAtCursor('Hello', 'area.name', -3).text).toBe('{{area.name}}Hello');
  });

  it('finds placeholders the server does not know', () => {
    expect(
      unknownPlaceholders('Dear {{customer.name}}, {{ case.reference }} {{customer.nmae}} {{x}} {{x}}'),
    ).toEqual(['customer.nmae', 'x']);
    expect(unknownPlaceholders('No placeholders here {not one} {{not-one}}')).toEqual([]);
  });
});

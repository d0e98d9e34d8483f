import { forwardRef } from 'react';
import { Alert, Anchor, List, Text } from '@mantine/core';

export interface SummaryItem {
  /** The id of the field the message is about. */
  id: string;
  message: string;
}

/** The id a Mantine form path gets on this page: `customer.email` → `customer-email`. */
export const fieldId = (path: string) => path.replace(/\./g, '-');

/**
 * The list of problems at the top of a form (GOV.UK pattern): announced when it appears, focused, and each
 * entry a link that moves focus to its field. Each field also shows its own message, tied to it by
 * aria-describedby (Mantine does that for fields with an id).
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { items: SummaryItem[] }>(function ErrorSummary(
  { items },
  ref,
) {
  if (!items.length) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red"
      variant="outline"
      role="alert"
      aria-labelledby="error-summary-title"
      title={
        <Text component="span" fw={700} id="error-summary-title">
          {items.length === 1 ? 'There is a problem' : `There are ${items.length} problems`}
        </Text>
      }
    >
      <List spacing={4} size="sm">
        {items.map((item) => (
          <List.Item key={item.id}>
            <Anchor
              href={`#${item.id}`}
              c="red.9"
              underline="always"
              onClick={(event) => {
                event.preventDefault();
                const el = document.getElementById(item.id);
                el?.focus();
                el?.scrollIntoView({ block: 'center' });
              }}
            >
              {item.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
});

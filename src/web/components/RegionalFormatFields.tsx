import { useMemo } from 'react';
import { Select, SimpleGrid } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { currencyOptions, localeOptions, timeZoneOptions } from '../lib/intl-options.js';

export type RegionalField = 'timeZone' | 'locale' | 'currency';

/**
 * Time zone, locale and currency of an organisation, side by side. `saved` keeps the organisation's
 * current values in the choices even when this browser does not list them.
 */
export function RegionalFormatFields({
  getInputProps,
  saved,
}: {
  getInputProps: (field: RegionalField) => GetInputPropsReturnType;
  saved?: { timeZone: string; locale: string; currency: string };
}) {
  const timeZones = useMemo(() => timeZoneOptions(saved?.timeZone), [saved?.timeZone]);
  const locales = useMemo(() => localeOptions(saved?.locale), [saved?.locale]);
  const currencies = useMemo(() => currencyOptions(saved?.currency), [saved?.currency]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <Select
        label="Time zone"
        data={timeZones}
        searchable
        allowDeselect={false}
        required
        {...getInputProps('timeZone')}
      />
      <Select
        label="Locale"
        data={locales}
        searchable
        allowDeselect={false}
        required
        {...getInputProps('locale')}
      />
      <Select
        label="Currency"
        data={currencies}
        searchable
        allowDeselect={false}
        required
        {...getInputProps('currency')}
      />
    </SimpleGrid>
  );
}

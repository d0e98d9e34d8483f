import type { ReactNode } from 'react';
import { Button, type MantineSpacing } from '@mantine/core';
import { PagedTable, type ListQuery } from '../../../components/list-page.js';
import { EmptyHint, ErrorState, TableSkeleton } from '../../../components/states.js';

interface LogTableProps {
  /** The paginated (infinite) query of the log. */
  list: Omit<ListQuery, 'isSuccess'>;
  /** How many entries are loaded. */
  shown: number;
  /** Columns of the loading skeleton. */
  skeletonColumns: number;
  /** Whether a filter is set, so "none" means "none match", not "none yet". */
  filtered: boolean;
  onClearFilters: () => void;
  emptyIcon: ReactNode;
  emptyTitle: string;
  emptyDescription: ReactNode;
  noMatchTitle: string;
  noMatchDescription: ReactNode;
  verticalSpacing?: MantineSpacing;
  /** The header row's cells. */
  columns: ReactNode;
  /** The body rows. */
  children: ReactNode;
}

/**
 * A log read newest first (audit trail, personal-details views): loading / error / empty / no-match
 * states or the table with its "load more" footer.
 */
export function LogTable({
  list,
  shown,
  skeletonColumns,
  filtered,
  onClearFilters,
  emptyIcon,
  emptyTitle,
  emptyDescription,
  noMatchTitle,
  noMatchDescription,
  verticalSpacing,
  columns,
  children,
}: LogTableProps) {
  if (list.isPending) return <TableSkeleton columns={skeletonColumns} rows={8} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!shown)
    return (
      <EmptyHint
        icon={emptyIcon}
        title={filtered ? noMatchTitle : emptyTitle}
        description={filtered ? noMatchDescription : emptyDescription}
        action={
          filtered ? (
            <Button variant="default" onClick={onClearFilters}>
              Clear filters
            </Button>
          ) : undefined
        }
      />
    );
  return (
    <PagedTable list={list} shown={shown} columns={columns} verticalSpacing={verticalSpacing}>
      {children}
    </PagedTable>
  );
}

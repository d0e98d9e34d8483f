import { useState, type ReactNode, type Ref } from 'react';
import { Button, Card, Group, Table, type MantineSpacing } from '@mantine/core';
import { PageHeader } from './PageHeader.js';
import { EmptyHint, ErrorState, LoadMore, TableSkeleton } from './states.js';

/** What a list page needs from a paginated (infinite) query. */
export interface ListQuery {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

interface ListPageProps {
  title: string;
  description: ReactNode;
  /** The primary action (e.g. "Add team"); the empty state carries it when nothing exists yet. */
  action: ReactNode;
  /** The filter inputs, laid out in one wrapping row above the table. */
  filters: ReactNode;
  list: ListQuery;
  /** How many records are loaded. */
  shown: number;
  /** Whether any filter differs from its default, so "none" means "none match", not "none yet". */
  isFiltered: boolean;
  emptyIcon: ReactNode;
  emptyTitle: string;
  emptyDescription: ReactNode;
  noMatchTitle: string;
  noMatchDescription: ReactNode;
  onClearFilters: () => void;
  /** Shown beside "Clear filters" when nothing matches. */
  noMatchAction?: ReactNode;
  /** The header row's cells. */
  columns: ReactNode;
  /** The body rows. */
  rows: ReactNode;
  /** Modals and drawers the page opens. */
  children?: ReactNode;
}

/**
 * A paginated list page: header, filters row, then loading / error / empty / no-match states or the
 * table with its "load more" footer.
 */
export function ListPage({
  title,
  description,
  action,
  filters,
  list,
  shown,
  isFiltered,
  emptyIcon,
  emptyTitle,
  emptyDescription,
  noMatchTitle,
  noMatchDescription,
  onClearFilters,
  noMatchAction,
  columns,
  rows,
  children,
}: ListPageProps) {
  let body;
  if (list.isPending) body = <TableSkeleton columns={5} />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (!shown && !isFiltered)
    body = <EmptyHint icon={emptyIcon} title={emptyTitle} description={emptyDescription} action={action} />;
  else if (!shown) {
    const clear = (
      <Button variant="default" onClick={onClearFilters}>
        Clear filters
      </Button>
    );
    body = (
      <EmptyHint
        icon={emptyIcon}
        title={noMatchTitle}
        description={noMatchDescription}
        action={
          noMatchAction ? (
            <Group gap="sm" justify="center">
              {clear}
              {noMatchAction}
            </Group>
          ) : (
            clear
          )
        }
      />
    );
  } else
    body = (
      <PagedTable list={list} shown={shown} columns={columns} highlightOnHover>
        {rows}
      </PagedTable>
    );

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        // When nothing exists yet the empty state carries the one primary action.
        actions={list.isSuccess && !shown && !isFiltered ? null : action}
      />
      <Group gap="md" align="flex-end" mb="md" wrap="wrap">
        {filters}
      </Group>
      {body}
      {children}
    </>
  );
}

/** A paginated list's table in a card, with its "load more" footer. */
export function PagedTable({
  list,
  shown,
  columns,
  children,
  minWidth = 300,
  cardRef,
  highlightOnHover,
  verticalSpacing,
}: {
  list: Pick<ListQuery, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
  /** How many records are loaded. */
  shown: number;
  /** The header row's cells. */
  columns: ReactNode;
  /** The body rows. */
  children: ReactNode;
  /** Below this width the table scrolls sideways. */
  minWidth?: number;
  cardRef?: Ref<HTMLDivElement>;
  highlightOnHover?: boolean;
  verticalSpacing?: MantineSpacing;
}) {
  return (
    <>
      <Card withBorder padding={0} ref={cardRef}>
        <Table.ScrollContainer minWidth={minWidth}>
          <Table highlightOnHover={highlightOnHover} verticalSpacing={verticalSpacing}>
            <Table.Thead>
              <Table.Tr>{columns}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <LoadMore
        shown={shown}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}

/** The visually hidden header of a row-actions column. */
export function ActionsHeader({ visibleFrom }: { visibleFrom?: 'xs' | 'sm' | 'md' | 'lg' }) {
  return (
    <Table.Th visibleFrom={visibleFrom}>
      <span className="visually-hidden">Actions</span>
    </Table.Th>
  );
}

/** The add / edit dialog of a list: `open(null)` adds, `open(record)` edits that record. */
export function useEditDialog<T>() {
  const [editing, setEditing] = useState<T | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    opened,
    editing,
    open: (record: T | null) => {
      setEditing(record);
      setOpened(true);
    },
    close: () => setOpened(false),
  };
}

import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignmentRule,
  assignmentRuleCreateSchema,
  assignmentRuleUpdateSchema,
  Calendar,
  calendarCreateSchema,
  calendarUpdateSchema,
  Category,
  categoryCreateSchema,
  categoryUpdateSchema,
  DeadlinePolicy,
  deadlinePolicyCreateSchema,
  deadlinePolicyUpdateSchema,
  Template,
  templateCreateSchema,
  templateUpdateSchema,
} from '../../../contracts/cases.js';
import type { ListQuery } from '../../components/list-page.js';
import { api } from '../../lib/api.js';

export type CategoryInput = z.input<typeof categoryCreateSchema>;
export type CategoryUpdate = z.input<typeof categoryUpdateSchema>;
export type TemplateInput = z.input<typeof templateCreateSchema>;
export type TemplateUpdate = z.input<typeof templateUpdateSchema>;
export type AssignmentRuleInput = z.input<typeof assignmentRuleCreateSchema>;
export type AssignmentRuleUpdate = z.input<typeof assignmentRuleUpdateSchema>;
export type CalendarInput = z.input<typeof calendarCreateSchema>;
export type CalendarUpdate = z.input<typeof calendarUpdateSchema>;
export type DeadlinePolicyInput = z.input<typeof deadlinePolicyCreateSchema>;
export type DeadlinePolicyUpdate = z.input<typeof deadlinePolicyUpdateSchema>;

/**
 * The settings lists are small and answered whole (`{ items }`); the query keys start with the resource
 * name so any page that changes one refreshes every list of it.
 */
function useItems<T>(key: string, path: string, enabled = true) {
  return useQuery({
    queryKey: [key, 'all'],
    queryFn: async ({ signal }) => (await api<{ items: T[] }>(path, { signal })).items,
    enabled,
  });
}

function useSave<T, C, U>(key: string, path: string, also: string[] = []) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: C | U }) =>
      id ? api<T>(`${path}/${id}`, { method: 'PATCH', body }) : api<T>(path, { method: 'POST', body }),
    onSuccess: () => {
      for (const k of [key, ...also]) void queryClient.invalidateQueries({ queryKey: [k] });
    },
  });
}

/** A whole-list query in the shape ListPage expects of a paginated one (there is never a next page). */
export function asListQuery(query: UseQueryResult<unknown>): ListQuery {
  return {
    isPending: query.isPending,
    isError: query.isError,
    isSuccess: query.isSuccess,
    error: query.error,
    hasNextPage: false,
    isFetchingNextPage: false,
    refetch: () => query.refetch(),
    fetchNextPage: () => undefined,
  };
}

export const useCategories = (enabled = true) =>
  useItems<Category>('categories', '/api/v1/categories', enabled);
// Rules and policies show their category's name.
export const useSaveCategory = () =>
  useSave<Category, CategoryInput, CategoryUpdate>('categories', '/api/v1/categories', [
    'assignment-rules',
    'deadline-policies',
  ]);

export const useTemplates = () => useItems<Template>('response-templates', '/api/v1/templates');
export const useSaveTemplate = () =>
  useSave<Template, TemplateInput, TemplateUpdate>('response-templates', '/api/v1/templates');

export const useAssignmentRules = () =>
  useItems<AssignmentRule>('assignment-rules', '/api/v1/assignment-rules');
export const useSaveAssignmentRule = () =>
  useSave<AssignmentRule, AssignmentRuleInput, AssignmentRuleUpdate>(
    'assignment-rules',
    '/api/v1/assignment-rules',
  );

export const useCalendars = () => useItems<Calendar>('calendars', '/api/v1/calendars');
// Areas carry the calendar they use.
export const useSaveCalendar = () =>
  useSave<Calendar, CalendarInput, CalendarUpdate>('calendars', '/api/v1/calendars', ['areas']);

export const useDeadlinePolicies = () =>
  useItems<DeadlinePolicy>('deadline-policies', '/api/v1/deadline-policies');
export const useSaveDeadlinePolicy = () =>
  useSave<DeadlinePolicy, DeadlinePolicyInput, DeadlinePolicyUpdate>(
    'deadline-policies',
    '/api/v1/deadline-policies',
  );

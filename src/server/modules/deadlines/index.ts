export {
  createDeadlineService,
  DEADLINE_QUEUE,
  DEFAULT_CALENDAR_NAME,
  DEFAULT_POLICIES,
  type DeadlineService,
} from './deadlines.service.js';
export { deadlineRoutes } from './deadlines.routes.js';
export type { CaseForClocks, ClockPlanner, DeadlineClocks, NewClocksPlan } from './deadlines.types.js';

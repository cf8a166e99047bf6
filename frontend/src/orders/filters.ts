// The order history's filters as the API takes them.
import type { OrderFilter, OrderStatus } from '../graphql/generated/graphql';

export const STATUS_GROUPS: Record<string, OrderStatus[]> = {
  open: ['PROPOSED', 'VIEWED'],
  underway: ['CONFIRMED', 'PICKING', 'SHIPPED'],
  delivered: ['DELIVERED'],
  closed: ['REJECTED', 'EXPIRED', 'CANCELLED'],
};

export const PERIODS: Record<string, number> = { month: 31, quarter: 92, year: 366 };

/** The API filter for the chosen status group, period and number (`now` fixes "since"). */
export function filterOf(
  group: string | null,
  period: string | null,
  number: string,
  now: Date,
): OrderFilter {
  const filter: OrderFilter = {};
  if (group && STATUS_GROUPS[group]) filter.status = STATUS_GROUPS[group];
  if (period && PERIODS[period]) {
    filter.createdFrom = new Date(now.getTime() - PERIODS[period] * 86_400_000).toISOString();
  }
  if (number.trim()) filter.number = number.trim();
  return filter;
}

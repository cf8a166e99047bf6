// An order's status in words and colour, the same on every page.
import { defineMessages } from '../i18n/messages';

export const statusMessages = defineMessages(
  'orders.status',
  {
    DRAFT: 'Draft',
    PROPOSED: 'Waiting for you',
    VIEWED: 'Seen, not confirmed',
    CONFIRMED: 'Confirmed',
    REJECTED: 'Rejected',
    EXPIRED: 'Expired',
    PICKING: 'Being packed',
    SHIPPED: 'On the way',
    DELIVERED: 'Delivered',
    CANCELLED: 'Cancelled',
  },
  {
    DRAFT: '草稿',
    PROPOSED: '待您确认',
    VIEWED: '已查看，未确认',
    CONFIRMED: '已确认',
    REJECTED: '已拒绝',
    EXPIRED: '已过期',
    PICKING: '备货中',
    SHIPPED: '运输中',
    DELIVERED: '已送达',
    CANCELLED: '已取消',
  },
);

export type StatusKey = keyof (typeof statusMessages.bundles)['en'];

export const STATUS_COLOURS: Record<StatusKey, string> = {
  DRAFT: 'default',
  PROPOSED: 'warning',
  VIEWED: 'warning',
  CONFIRMED: 'primary',
  REJECTED: 'danger',
  EXPIRED: 'default',
  PICKING: 'primary',
  SHIPPED: 'primary',
  DELIVERED: 'success',
  CANCELLED: 'default',
};

// The words for complaint categories, severities and statuses, in both languages.
import { defineMessages } from '../i18n/messages';

export const CATEGORIES = [
  'WRONG_GOODS',
  'SHORTAGE',
  'DAMAGED',
  'QUALITY',
  'LATE_DELIVERY',
  'PICK_ACCURACY',
  'SERVICE',
  'OTHER',
] as const;
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export const labels = defineMessages(
  'complaints.labels',
  {
    WRONG_GOODS: 'Wrong goods',
    SHORTAGE: 'Goods missing',
    DAMAGED: 'Damaged',
    QUALITY: 'Quality',
    LATE_DELIVERY: 'Late delivery',
    PICK_ACCURACY: 'Poor pick',
    SERVICE: 'Service',
    OTHER: 'Other',
    LOW: 'Low',
    MEDIUM: 'Medium',
    HIGH: 'High',
    CRITICAL: 'Critical',
    OPEN: 'Received',
    IN_PROGRESS: 'Being handled',
    RESOLVED: 'Resolved',
    CLOSED: 'Closed',
  },
  {
    WRONG_GOODS: '发错货',
    SHORTAGE: '少货',
    DAMAGED: '货物破损',
    QUALITY: '质量问题',
    LATE_DELIVERY: '送货延误',
    PICK_ACCURACY: '配货不准',
    SERVICE: '服务',
    OTHER: '其他',
    LOW: '低',
    MEDIUM: '中',
    HIGH: '高',
    CRITICAL: '紧急',
    OPEN: '已受理',
    IN_PROGRESS: '处理中',
    RESOLVED: '已解决',
    CLOSED: '已关闭',
  },
);

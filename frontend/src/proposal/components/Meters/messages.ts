import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'proposal.Meters',
  {
    title: 'Budget and display room',
    budget: 'Budget',
    budgetDetail: '{{spent}} of {{budget}}',
    budgetLeft: '{{left}} left',
    overBudget:
      'Over the budget by {{over}}: the order cannot be saved like this. Lower a line or remove one.',
    room: 'Display room',
    roomDetail: '{{units}} of {{room}} pieces',
    overRoom: '{{over}} pieces more than your display can take: lower a line or remove one.',
  },
  {
    title: '预算和陈列空间',
    budget: '预算',
    budgetDetail: '已用 {{spent}} / {{budget}}',
    budgetLeft: '还剩 {{left}}',
    overBudget: '超出预算 {{over}}，这样无法保存。请减少或删除某些商品。',
    room: '陈列空间',
    roomDetail: '{{units}} / {{room}} 件',
    overRoom: '比陈列空间多出 {{over}} 件，请减少或删除某些商品。',
  },
);

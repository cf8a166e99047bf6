import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'ui.Countdown',
  {
    daysHours: '{{days}} d {{hours}} h left',
    hoursMinutes: '{{hours}} h {{minutes}} min left',
    overdue: 'Past the deadline',
    until: 'until {{when}}',
  },
  {
    daysHours: '还剩{{days}}天{{hours}}小时',
    hoursMinutes: '还剩{{hours}}小时{{minutes}}分',
    overdue: '已过截止时间',
    until: '截止 {{when}}',
  },
);

import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'app.NotFound',
  { title: 'This page does not exist', back: 'Back to the start' },
  { title: '页面不存在', back: '返回首页' },
);

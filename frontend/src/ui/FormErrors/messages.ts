import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'ui.FormErrors',
  {
    network: 'No connection: nothing was lost. Try again when you are back online.',
    server: 'The server could not do it just now: nothing was lost. Please try again.',
  },
  {
    network: '网络未连接：内容都还在，联网后请重试。',
    server: '服务器暂时无法处理：内容都还在，请稍后重试。',
  },
);

import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'ui.QueryError',
  {
    title: 'Could not load this page',
    network: 'No connection to the server. Check your network.',
    server: 'The server could not answer just now.',
    retry: 'Try again',
  },
  {
    title: '页面加载失败',
    network: '无法连接服务器，请检查网络。',
    server: '服务器暂时无法响应。',
    retry: '重试',
  },
);

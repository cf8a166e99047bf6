import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'messages.MessagesPage',
  {
    title: 'Messages',
  },
  {
    title: '消息',
  },
);

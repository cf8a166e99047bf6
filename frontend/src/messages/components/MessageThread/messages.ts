import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'messages.MessageThread',
  {
    thread: 'Messages',
    empty: 'No message yet: write the first one below.',
    you: 'You',
    staff: 'Head office',
    compose: 'Your message',
    placeholder: 'Write to your merchandiser',
    send: 'Send',
    sentAt: 'Sent {{time}}',
  },
  {
    thread: '消息',
    empty: '还没有消息，在下面写第一条吧。',
    you: '我',
    staff: '总部',
    compose: '您的消息',
    placeholder: '给您的配货师留言',
    send: '发送',
    sentAt: '发送于 {{time}}',
  },
);

import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'messages.UnreadBadge',
  { unread: '{{count}} unread' },
  { unread: '{{count}} 条未读' },
);

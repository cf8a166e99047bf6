import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'settings.NotificationSettings',
  {
    title: 'Notifications',
    channel: 'Tell me by',
    EMAIL: 'E-mail',
    SMS: 'Text message',
    CHAT: 'Chat app',
    webhook: 'Chat webhook address',
    quiet: 'Quiet hours: no message between',
    quietOn: 'Keep quiet hours',
    from: 'From',
    until: 'Until',
    save: 'Save notifications',
    saved: 'Saved.',
  },
  {
    title: '通知方式',
    channel: '通知我的方式',
    EMAIL: '邮件',
    SMS: '短信',
    CHAT: '聊天软件',
    webhook: '聊天机器人 Webhook 地址',
    quiet: '免打扰时段：这段时间不发消息',
    quietOn: '开启免打扰',
    from: '开始',
    until: '结束',
    save: '保存通知设置',
    saved: '已保存。',
  },
);

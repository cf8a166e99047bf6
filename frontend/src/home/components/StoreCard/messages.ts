import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'home.StoreCard',
  {
    code: 'Store code',
    location: 'Location',
    budget: 'Budget for the next order',
    merchandiser: 'Your merchandiser',
    call: 'Call {{name}} on {{phone}}',
    noMerchandiser: 'Not assigned yet',
    message: 'Send {{name}} a message',
  },
  {
    code: '门店编号',
    location: '所在地',
    budget: '下一单预算',
    merchandiser: '我的配货师',
    call: '致电{{name}}：{{phone}}',
    noMerchandiser: '尚未分配',
    message: '给{{name}}发消息',
  },
);

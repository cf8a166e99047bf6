import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'deliveries.views',
  {
    title: 'Deliveries',
    none: 'No delivery yet: once an order leaves the warehouse it is tracked here.',
    surveyTitle: 'Rate delivery {{number}}',
    surveyIntro: 'A minute of your time helps your merchandiser pick better next time.',
    notFound: 'No such order among your store’s.',
    notDelivered: 'This order has not been delivered yet: it can be rated once it arrives.',
    back: 'All deliveries',
  },
  {
    title: '物流配送',
    none: '还没有配送记录：订单出库后会在这里跟踪。',
    surveyTitle: '评价配送 {{number}}',
    surveyIntro: '花一分钟评价，帮助配货师下次配得更准。',
    notFound: '您的门店没有这个订单。',
    notDelivered: '这个订单尚未送达，送达后即可评价。',
    back: '全部配送',
  },
);

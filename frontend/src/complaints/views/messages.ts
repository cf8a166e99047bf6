import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'complaints.views',
  {
    title: 'Complaints',
    file: 'File a complaint',
    none: 'No complaint: if something is wrong with a delivery or the service, tell us here.',
    newTitle: 'File a complaint',
    back: 'All complaints',
    filed: 'Your complaint was filed: your merchandiser answers it by the deadline shown.',
  },
  {
    title: '投诉',
    file: '我要投诉',
    none: '暂无投诉：配送或服务有问题，请在这里告诉我们。',
    newTitle: '提交投诉',
    back: '全部投诉',
    filed: '投诉已提交：配货师会在显示的期限前答复。',
  },
);

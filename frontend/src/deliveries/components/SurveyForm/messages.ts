import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'deliveries.SurveyForm',
  {
    overall: 'Overall',
    pickAccuracy: 'The goods picked for you',
    timeliness: 'On time',
    goodsQuality: 'Quality of the goods',
    valueForMoney: 'Value for money',
    score: '{{score}} of 5',
    comment: 'Anything to add? (optional)',
    commentPlaceholder: 'What went well, what should change',
    send: 'Send rating',
    missing: 'Choose 1 to 5 stars for each.',
    thanks: 'Thank you: your rating went to your merchandiser.',
    answeredOn: 'Rated on {{date}}',
  },
  {
    overall: '总体满意度',
    pickAccuracy: '配货准确',
    timeliness: '送货及时',
    goodsQuality: '商品质量',
    valueForMoney: '性价比',
    score: '{{score}} 分（满分 5 分）',
    comment: '还有什么想说的？（选填）',
    commentPlaceholder: '哪些做得好，哪些需要改进',
    send: '提交评价',
    missing: '请为每一项选择 1 到 5 颗星。',
    thanks: '谢谢！您的评价已送达您的配货师。',
    answeredOn: '评价于 {{date}}',
  },
);

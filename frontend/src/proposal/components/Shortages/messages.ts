import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'proposal.Shortages',
  {
    title: 'Some items ran short',
    explain: 'Other stores confirmed first. Head office still has:',
    line: '{{name}} ({{code}}): you want {{wanted}}, {{left}} left',
    take: 'Take what is available and confirm',
  },
  {
    title: '部分商品库存不足',
    explain: '其他门店先确认了。总部现在还有：',
    line: '{{name}}（{{code}}）：您要 {{wanted}} 件，只剩 {{left}} 件',
    take: '按现有库存确认',
  },
);

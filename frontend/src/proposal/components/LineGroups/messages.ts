import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'proposal.LineGroups',
  {
    retail: 'retail {{price}}',
    sizeRun: 'Size run (crossed out: none ordered)',
    recommended: 'Recommended {{qty}}',
    pack: 'Packs of {{pack}}',
    was: 'Was {{qty}}',
    quantityOf: 'Quantity of {{name}}',
    less: 'One pack fewer of {{name}}',
    more: 'One pack more of {{name}}',
    remove: 'Remove',
    removeLabel: 'Remove {{name}}',
    qty: '{{qty}} pcs',
  },
  {
    retail: '零售价 {{price}}',
    sizeRun: '尺码（划掉的：未订）',
    recommended: '推荐 {{qty}}',
    pack: '{{pack}}件一包',
    was: '原为 {{qty}}',
    quantityOf: '{{name}}的数量',
    less: '{{name}}减少一包',
    more: '{{name}}增加一包',
    remove: '删除',
    removeLabel: '删除{{name}}',
    qty: '{{qty}} 件',
  },
);

import { defineMessages } from '../../../i18n/messages';

export const messages = defineMessages(
  'settings.CustomFieldsForm',
  {
    title: 'More about your store',
    intro: 'Head office asks every store for these; fill in what you like.',
    yes: 'Yes',
    no: 'No',
    none: 'Not set',
    save: 'Save',
    saved: 'Saved.',
  },
  {
    title: '门店补充信息',
    intro: '总部希望每家门店填写这些信息，可按需填写。',
    yes: '是',
    no: '否',
    none: '未填写',
    save: '保存',
    saved: '已保存。',
  },
);

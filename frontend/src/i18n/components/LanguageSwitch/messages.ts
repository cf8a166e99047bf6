import { defineMessages } from '../../messages';

export const messages = defineMessages(
  'i18n.LanguageSwitch',
  { label: 'Language', 'zh-CN': '中文', en: 'English' },
  { label: '语言', 'zh-CN': '中文', en: 'English' },
);

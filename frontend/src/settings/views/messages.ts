import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages(
  'settings.SettingsPage',
  {
    title: 'Settings',
    language: 'Language',
    languageNote: 'Remembered on this device.',
  },
  {
    title: '设置',
    language: '语言',
    languageNote: '在此设备上记住。',
  },
);

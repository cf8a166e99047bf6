import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages('ui.Pending', { loading: 'Loading…' }, { loading: '加载中…' });

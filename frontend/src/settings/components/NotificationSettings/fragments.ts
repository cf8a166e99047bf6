// How the store wants to be told things.
import { graphql } from '../../../graphql/generated';

export const NotificationSettingsFragment = graphql(`
  fragment NotificationSettings_store on Store {
    id
    preferences {
      preferredChannel
      chatWebhookUrl
      quietHours {
        start
        end
      }
    }
  }
`);

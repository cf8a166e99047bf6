// The settings page's operations.
import { graphql } from '../graphql/generated';

export const SettingsPageQuery = graphql(`
  query SettingsPage($storeId: ID!) {
    store(id: $storeId) {
      id
      ...StoreFacts_store
      ...NotificationSettings_store
      ...CustomFieldsForm_store
    }
  }
`);

export const StoreSetPreferencesMutation = graphql(`
  mutation StoreSetPreferences($input: StoreSetPreferencesInput!) {
    storeSetPreferences(input: $input) {
      store {
        id
        ...NotificationSettings_store
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const StoreSetCustomFieldsMutation = graphql(`
  mutation StoreSetCustomFields($input: StoreSetCustomFieldsInput!) {
    storeSetCustomFields(input: $input) {
      store {
        id
        ...CustomFieldsForm_store
        ...StoreFacts_store
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

// The custom fields HQ lets the franchisee fill, with their values.
import { graphql } from '../../../graphql/generated';

export const CustomFieldsFormFragment = graphql(`
  fragment CustomFieldsForm_store on Store {
    id
    customFields {
      key
      label
      type
      required
      choices
      helpText
      franchiseeEditable
      value
    }
  }
`);

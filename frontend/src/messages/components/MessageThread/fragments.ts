// What the thread shows of a message.
import { graphql } from '../../../graphql/generated';

export const MessageThreadFragment = graphql(`
  fragment MessageThread_message on Message {
    id
    body
    createdAt
    mine
    authorRole
    author {
      id
      name
    }
  }
`);

// The messages page's operations.
import { graphql } from '../graphql/generated';

/** How often the thread and the unread count are asked again (new messages within 5 s). */
export const POLL_MS = 3000;

export const MessagesPageQuery = graphql(`
  query MessagesPage($storeId: ID!) {
    messageThread(storeId: $storeId) {
      id
      unreadCount
    }
    messages(storeId: $storeId, first: 100) {
      edges {
        node {
          id
          ...MessageThread_message
        }
      }
    }
  }
`);

export const MessageSendMutation = graphql(`
  mutation MessageSend($input: MessageSendInput!) {
    messageSend(input: $input) {
      message {
        id
        ...MessageThread_message
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const MessageMarkReadMutation = graphql(`
  mutation MessageMarkRead($input: MessageMarkReadInput!) {
    messageMarkRead(input: $input) {
      thread {
        id
        unreadCount
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const UnreadMessagesQuery = graphql(`
  query UnreadMessages {
    unreadMessageCount
  }
`);

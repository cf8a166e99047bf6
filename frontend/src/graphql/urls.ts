// The API endpoint; a GET of it in a browser is the merchandiser console.
export const graphqlUrl = '/graphql';

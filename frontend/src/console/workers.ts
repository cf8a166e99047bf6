// Monaco's workers for GraphiQL, as graphiql/setup-workers/vite sets them up, but from our own
// source: the dev server's dependency pre-bundling cannot load `?worker` imports inside a
// package, while Vite handles them in application code (build and dev alike).
import type {} from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'json') return new JsonWorker();
    if (label === 'graphql') return new GraphQLWorker();
    return new EditorWorker();
  },
};

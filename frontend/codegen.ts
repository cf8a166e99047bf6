// Every operation in src/ typed from the API's schema (../schema.graphql, `make schema`).
// `npm run codegen:check` fails when src/graphql/generated/ is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/graphql/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        strictScalars: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Decimal: 'string',
          Time: 'string',
          JSON: 'unknown',
          Upload: 'File',
        },
      },
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'readFragment' } },
    },
  },
};

export default config;

import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Module boundaries: what each part of the codebase may import. */
const serverModuleBoundary = {
  group: ['../*/*', '!../../**', '!../*/index', '../../modules/*/*', '!../../modules/*/index'],
  message: 'Reach another module only through its index.ts.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
      // Fastify plugins are async by convention, awaited or not.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto'], message: 'core/ is pure: no Node I/O.' },
            {
              group: ['@hqe/server', '@hqe/web', '**/server/**', '**/web/**'],
              message: 'core/ imports nothing from server or web.',
            },
            { group: ['react', 'antd', 'fastify', 'kysely', 'pg'], message: 'core/ is pure.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            serverModuleBoundary,
            {
              group: ['**/app', '**/server'],
              message: 'Modules do not import the composition root.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            serverModuleBoundary,
            { group: ['kysely', '**/*.repository'], message: 'Routes call services; no SQL here.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../features/*', '../features/*', '**/features/*/**'],
              message: 'Features do not import each other; share through components/ or lib/.',
            },
            {
              group: ['@hqe/server', '**/server/**'],
              message: 'The web app talks to the server over HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'server/test/**/*.ts',
      'server/src/**/*.test.ts',
      'core/src/**/*.test.ts',
      'e2e/**/*.ts',
      'server/bench/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
);

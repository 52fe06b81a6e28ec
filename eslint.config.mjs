// Lint: ESLint's and typescript-eslint's recommended rules, import order and a 150-character line limit.
// `npm run lint` runs it (after scripts/check-tracked-files.sh); `npm test` runs lint first, so CI does too.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // imports/ is generated from the Strimzi CRDs (`npm run import`); the rest is build output or fetched.
  { ignores: ['imports/**', 'dist/**', 'build/**', 'apps/build/**', '**/node_modules/**', '.cache/**', '.local/**', 'coverage/**', 'cdk8s.out/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { '@stylistic': stylistic, 'import-x': importX },
    languageOptions: { globals: globals.node },
    rules: {
      '@stylistic/max-len': ['error', { code: 150, ignoreUrls: true }],
      'import-x/order': ['error', { alphabetize: { order: 'asc', caseInsensitive: true } }],
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      // Kubernetes and Kafka JSON is untyped at the edges; tsc's strict mode checks the rest.
      '@typescript-eslint/no-explicit-any': 'off',
      // `const { dropped: _dropped, ...kept } = o` leaves a field out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

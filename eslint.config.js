// ESLint with typescript-eslint's type-aware rules for the bugs they find in code like this: promises left
// floating or handed to callers that do not await them. Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'reports/', 'targets/hydra/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // What providers send is untyped JSON by nature: checks read it as `any` and judge it at run time.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // Playwright reads a fixture's dependencies from the destructuring of its first parameter: `{}` says "none".
  { files: ['fixtures/**/*.ts', 'selftest/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  // Plain JavaScript configuration files are not in the TypeScript project.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);

// ESLint over every TypeScript file, with type information (typescript-eslint's recommended
// type-checked rules). Formatting is Prettier's job (`npm run lint` runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  // The portal's browser scripts are plain JavaScript modules, outside the TypeScript project.
  { files: ['server/portal/public/**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    rules: {
      // A leading underscore marks a value left out on purpose (`const { secret: _secret, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // supertest types every response body as `any`: the tests read it and chai checks it, which
    // is the point of a test, so the rules against using `any` would flag every assertion.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);

// ESLint for every JavaScript file of the project (make lint), run from the repository's root:
//   npx --prefix tests/js eslint --config tests/js/eslint.config.js .
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["**/node_modules/**", ".venv*/**", "site/_build/**", "test-artifacts/**"] },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["tests/js/**", "class/**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
];

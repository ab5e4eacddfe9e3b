import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // react-dsfr ships ES modules without "type": "module": let Vite transform it.
    server: { deps: { inline: [/@codegouvfr\/react-dsfr/] } },
  },
});

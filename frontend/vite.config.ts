import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The production build is served by the Go API at "/" with an SPA fallback,
// so assets use absolute paths. In development, /api is proxied to the API.
export default defineConfig({
  base: "/",
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:8080", changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
});

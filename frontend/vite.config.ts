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
    // MapLibre GL (about 1 MB) is a chunk of its own, loaded only by the map page.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        // MapLibre's worker is copied as an asset (see StructureMap.tsx): name it .js so that every web server
        // (nginx's default mime.types included) serves it with a JavaScript type, as module workers require.
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith(".mjs")) ? "assets/[name]-[hash].js" : "assets/[name]-[hash][extname]",
      },
    },
  },
});

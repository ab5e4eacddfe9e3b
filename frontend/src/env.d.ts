/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional MapLibre style URL for a base map; unset, the map uses an offline style (background only). */
  readonly VITE_MAP_STYLE_URL?: string;
}

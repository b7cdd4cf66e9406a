import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    react(),
    VitePWA({
      // The app asks before switching to a new version (UpdatePrompt): an automatic reload could
      // wipe a half-filled form. Registration is ours, through workbox-window.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'favicon.svg'],
      manifest: {
        name: 'Ngõ Số — Tổ công nghệ số cộng đồng',
        short_name: 'Ngõ Số',
        description: 'Đi từng ngõ, gõ từng nhà, hướng dẫn từng người: sổ tay của Tổ công nghệ số cộng đồng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5d3b',
        background_color: '#ffffff',
        categories: ['productivity', 'education'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // Every route opens offline; the API is never answered from the cache.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        clientsClaim: true,
        importScripts: ['sw-sync.js'],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The preload helper (every lazy import's) and the tiny search-folding module in one
        // first-load chunk, as they fell before issue 20: screens that reach them from other
        // chunks (the lessons) otherwise split them into two more first-load requests (+150 B gzip).
        advancedChunks: {
          groups: [{ name: 'runtime', test: /vite\/preload-helper|\/core\/search\.ts/ }],
        },
      },
    },
  },
});

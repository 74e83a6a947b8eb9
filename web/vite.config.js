// Vite builds the UI into dist/, which tools/web_embed turns into C++ that the
// vigil binary serves (src/server/static_routes.cpp). No inline script or
// data: URL may appear in the output: the server's Content-Security-Policy is
// default-src 'self'.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // `npx vite` in web/: live reload against a running server (VIGIL_API=http://127.0.0.1:PORT).
  server: { proxy: { '/api': process.env.VIGIL_API || 'http://127.0.0.1:8080' } },
  build: {
    outDir: process.env.VIGIL_WEB_OUT || 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,          // no data: URLs (CSP)
    modulePreload: { polyfill: false },
    target: 'es2020',
    reportCompressedSize: false,
  },
});

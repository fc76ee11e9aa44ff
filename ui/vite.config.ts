import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// The window's Content-Security-Policy (tauri.conf.json) allows scripts, styles, images and
// fonts only from the app itself: no inline scripts, no inline <style>, no data: URLs. The
// build must therefore emit every asset as a file.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  // Tauri's dev server workflow is not used; a fixed port keeps `vite dev` predictable.
  server: { port: 5173, strictPort: true },
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.4x, WebView2 and WKWebView all run ES2022.
    target: 'es2022',
    // Never inline small assets as data: URLs (the CSP forbids them).
    assetsInlineLimit: 0,
    // The module-preload polyfill is not needed in these webviews.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // The tests draw the real example (ten actions, a matrix of 170 boxes), which jsdom takes
    // seconds to do on a busy machine: the limit is generous, as nothing here measures time.
    testTimeout: 30_000,
  },
});

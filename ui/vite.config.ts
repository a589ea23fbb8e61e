import { defineConfig } from 'vitest/config';

// The Maven build sets OMNIVOX_UI_OUT to target/classes/META-INF/resources so Quarkus serves the UI at '/'.
// Only our own 'dist' folder is ever emptied: the Maven output directory holds other files.
const out = process.env.OMNIVOX_UI_OUT && process.env.OMNIVOX_UI_OUT.trim() !== '' ? process.env.OMNIVOX_UI_OUT : 'dist';

export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  worker: { format: 'es' },
  build: {
    outDir: out,
    emptyOutDir: out === 'dist',
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev` against a local server: OMNIVOX_DEV_SERVER=http://localhost:8080
    proxy: process.env.OMNIVOX_DEV_SERVER
      ? {
          '/v1': process.env.OMNIVOX_DEV_SERVER,
          '/api': process.env.OMNIVOX_DEV_SERVER,
          '/q': process.env.OMNIVOX_DEV_SERVER,
          '/ws': { target: process.env.OMNIVOX_DEV_SERVER, ws: true },
        }
      : undefined,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});

import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // Verification runs on worker threads; verify.ts finds it as ./verifyWorker.js.
          verifyWorker: resolve(import.meta.dirname, 'electron/core/store/verify/verifyWorker.ts'),
          ingestWorker: resolve(import.meta.dirname, 'electron/core/store/evidenceIo/ingestWorker.ts'),
          chunkStoreWorker: resolve(import.meta.dirname, 'electron/core/store/evidenceIo/chunkStoreWorker.ts'),
          evidenceJobWorker: resolve(import.meta.dirname, 'electron/core/store/evidenceIo/evidenceJobWorker.ts'),
          // Reports are laid out on a worker thread; offThread.ts finds it as ./pdfWorker.js.
          pdfWorker: resolve(import.meta.dirname, 'electron/core/reports/pdf/pdfWorker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});

// Builds the workspace server's own pages (setup, sign-in, invitation, review) into dist/pages; kairos server serves
// them at /setup, /sign-in, /join, /review, /posts/<id> and /, and their files under /pages/assets/.

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const page = (name: string) => `${import.meta.dirname}/${name}.html`;

export default defineConfig({
  root: import.meta.dirname,
  base: '/pages/',
  plugins: [react()],
  build: {
    outDir: '../../dist/pages',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    rollupOptions: {
      input: {
        home: page('home'),
        setup: page('setup'),
        'sign-in': page('sign-in'),
        join: page('join'),
        review: page('review'),
        post: page('post'),
      },
    },
  },
});

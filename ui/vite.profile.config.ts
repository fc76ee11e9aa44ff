// Builds ui/profile.html (the window over a generated workbook, src/lib/testing/profile-page.ts)
// as the app's bundle is built, for profiling in a browser: see bench/README.md.
//   npx vite build --config vite.profile.config.ts --outDir DIR
import { mergeConfig } from 'vite';
import base from './vite.config';

export default mergeConfig(base, { build: { rollupOptions: { input: 'profile.html' } } });

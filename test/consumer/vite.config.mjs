export default { logLevel: 'warn', build: { outDir: 'vite-dist' } };

import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'connector/index': 'src/api/connector.ts',
    'fec/index': 'src/api/fec.ts',
    'lifecycle/index': 'src/api/lifecycle.ts',
    'reconcile/index': 'src/api/reconcile.ts',
    'store/index': 'src/api/store.ts',
    'memory/index': 'src/api/memory.ts',
    'domain/index': 'src/api/domain.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
})

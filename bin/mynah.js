#!/usr/bin/env node
// Node 20's WASI crashes flite on longer texts unless V8's fast API calls are off; this must
// run before the first WASI call, so it runs before anything else is imported.
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--no-turbo-fast-api-calls')

const { main } = await import('../dist/cli/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('mynah is not built yet: run `npm install` (or `npm run build`) in the checkout.\n')
    process.exit(1)
  }
  throw error
})
process.exitCode = await main(process.argv.slice(2))

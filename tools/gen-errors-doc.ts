/**
 * Regenerates docs/errors.md from the error catalogue (src/core/errors.ts).
 * test/unit/core/errors.test.ts fails when the two disagree. Run: npm run docs:errors
 */

import { ERROR_CATALOGUE } from '../src/core/errors.js'
import { writeFileAtomicSync } from '../src/core/files.js'

const rows = Object.entries(ERROR_CATALOGUE).map(
  ([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.message.replace(/\|/g, '\\|')} |`,
)
const doc = `# Error codes

Every error mynah reports on purpose carries one of these stable codes. The CLI prints
\`error E_CODE: message\` on stderr and exits non-zero (2 for bad arguments, 1 otherwise); the HTTP
API answers with the status below and a JSON body \`{"error": {"code", "message", "details"}}\`.
Codes never change meaning; new ones may be added. This file is generated from
\`src/core/errors.ts\` by \`npm run docs:errors\`.

| code | HTTP | message |
|---|---|---|
${rows.join('\n')}
`
writeFileAtomicSync(new URL('../docs/errors.md', import.meta.url).pathname, doc)
console.log(`docs/errors.md: ${rows.length} codes`)

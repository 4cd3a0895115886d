import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ERROR_CATALOGUE, httpStatusOf, MynahError, toMynahError } from '../../../src/core/errors.js'
import { REPO_ROOT } from '../../helpers/env.js'

describe('MynahError', () => {
  it('fills the message template from details and carries the status', () => {
    const e = new MynahError('E_TEXT_TOO_LONG', { length: 12, limit: 10 })
    expect(e.message).toBe('The text has 12 characters; the limit is 10.')
    expect(e.status).toBe(413)
    expect(httpStatusOf(e)).toBe(413)
    expect(e.toJSON()).toEqual({
      code: 'E_TEXT_TOO_LONG',
      message: e.message,
      details: { length: 12, limit: 10 },
    })
  })

  it('maps unknown errors to 500 and AbortError to E_CANCELLED', () => {
    expect(httpStatusOf(new Error('boom'))).toBe(500)
    expect(toMynahError(new Error('boom')).code).toBe('E_INTERNAL')
    const abort = new Error('aborted')
    abort.name = 'AbortError'
    expect(toMynahError(abort).code).toBe('E_CANCELLED')
  })

  it('keeps user-input errors out of the 5xx range except capacity and upstream errors', () => {
    const serverSide = new Set([
      'E_INTERNAL',
      'E_CONFIG_INVALID',
      'E_BUSY',
      'E_ENGINE_NOT_READY',
      'E_TIMEOUT',
      'E_DOWNLOAD_FAILED',
      'E_CHECKSUM_MISMATCH',
      'E_DISK_FULL',
      'E_MODEL_DOES_NOT_FIT',
    ])
    for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
      if (spec.status >= 500) expect(serverSide.has(code), code).toBe(true)
      expect(code).toMatch(/^E_[A-Z0-9_]+$/)
    }
  })

  it('every code is documented in docs/errors.md and every documented code exists', () => {
    const doc = readFileSync(`${REPO_ROOT}/docs/errors.md`, 'utf8')
    const documented = new Set([...doc.matchAll(/`(E_[A-Z0-9_]+)`/g)].map((m) => m[1]))
    for (const code of Object.keys(ERROR_CATALOGUE))
      expect(documented.has(code), `${code} in docs/errors.md`).toBe(true)
    for (const code of documented) expect(code in ERROR_CATALOGUE, `${code} in catalogue`).toBe(true)
    for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
      expect(doc).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${spec.status}\\s*\\|`))
    }
  })
})

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, loadConfig } from '../../../src/core/config.js'
import type { MynahError } from '../../../src/core/errors.js'

function home(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'mynah-config-'))
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  return dir
}

describe('loadConfig', () => {
  it('uses defaults and MYNAH_HOME when nothing is set', () => {
    const dir = home()
    const config = loadConfig({ env: { MYNAH_HOME: dir } })
    expect(config.home).toBe(dir)
    expect(config.port).toBe(DEFAULT_CONFIG.port)
    expect(config.host).toBe('127.0.0.1')
  })

  it('applies file < env < flags', () => {
    const dir = home({ port: 9000, queueSize: 3, host: '0.0.0.0' })
    const env = { MYNAH_HOME: dir, MYNAH_PORT: '9100', MYNAH_FP16: 'true' }
    const config = loadConfig({ env, flags: { port: 9200 } })
    expect(config.port).toBe(9200)
    expect(config.queueSize).toBe(3)
    expect(config.host).toBe('0.0.0.0')
    expect(config.fp16).toBe(true)
    expect(loadConfig({ env }).port).toBe(9100)
  })

  it('rejects bad values with E_CONFIG_INVALID naming the source', () => {
    const dir = home()
    const attempt = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return error as MynahError
      }
      throw new Error('expected a throw')
    }
    const e1 = attempt(() => loadConfig({ env: { MYNAH_HOME: dir, MYNAH_PORT: 'eighty' } }))
    expect(e1.code).toBe('E_CONFIG_INVALID')
    expect(e1.message).toContain('MYNAH_PORT')
    const e2 = attempt(() => loadConfig({ env: { MYNAH_HOME: home({ colour: 'red' }) } }))
    expect(e2.message).toContain('colour')
    const e3 = attempt(() => loadConfig({ env: { MYNAH_HOME: dir, MYNAH_DEVICE: 'tpu' } }))
    expect(e3.message).toContain('cpu, webgpu, cuda')
    const broken = home()
    writeFileSync(join(broken, 'config.json'), '{not json')
    expect(attempt(() => loadConfig({ env: { MYNAH_HOME: broken } })).code).toBe('E_CONFIG_INVALID')
  })
})

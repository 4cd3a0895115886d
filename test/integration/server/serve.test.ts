/**
 * `mynah serve` as a process: prints its URL, answers /healthz and the UI's /, warns when
 * bound beyond loopback, and shuts down cleanly on SIGTERM. Runs the CLI from source (tsx).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/env.js'
import { tempHome } from './util.js'

const MAIN = resolve(REPO_ROOT, 'src', 'cli', 'main.ts')

interface Served {
  child: ChildProcess
  url: string
  stdout: () => string
  stderr: () => string
  exit: Promise<number | null>
}

function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1))`
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, 'serve', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString()
  })
  const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not start:\n${out}\n${err}`)), 60_000)
    const check = () => {
      const match = /serving on (http:\/\/\S+?)\/ /.exec(out)
      if (match?.[1]) {
        clearTimeout(timer)
        res({ child, url: match[1], stdout: () => out, stderr: () => err, exit })
      }
    }
    child.stdout?.on('data', check)
    void exit.then((code) => {
      clearTimeout(timer)
      rej(new Error(`serve exited with ${code}:\n${out}\n${err}`))
    })
  })
}

describe('mynah serve', () => {
  const homes: ReturnType<typeof tempHome>[] = []
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
    for (const h of homes.splice(0)) h.cleanup()
  })

  it('prints its URL, serves, and shuts down cleanly on SIGTERM', async () => {
    const home = tempHome()
    homes.push(home)
    const served = await serve(['--port', '0', '--api-key', 'k3y'], { MYNAH_HOME: home.dir })
    children.push(served.child)
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const health = await fetch(`${served.url}/healthz`)
    expect(health.status).toBe(200)
    const index = await fetch(`${served.url}/`)
    expect(index.status).toBe(200)
    expect(await index.text()).toMatch(/mynah/)
    const locked = await fetch(`${served.url}/api/system`)
    expect(locked.status).toBe(401)
    const system = await fetch(`${served.url}/api/system`, { headers: { authorization: 'Bearer k3y' } })
    expect(system.status).toBe(200)
    expect(served.stderr()).not.toMatch(/listening on/)
    served.child.kill('SIGTERM')
    expect(await served.exit).toBe(0)
    expect(served.stdout()).toMatch(/SIGTERM, shutting down/)
  })

  it('warns when bound to all interfaces without a key', async () => {
    const home = tempHome()
    homes.push(home)
    const served = await serve(['--port', '0', '--host', '0.0.0.0'], { MYNAH_HOME: home.dir })
    children.push(served.child)
    await new Promise((r) => setTimeout(r, 100))
    expect(served.stderr()).toMatch(/listening on 0\.0\.0\.0/)
    expect(served.stderr()).toMatch(/no API key/)
    served.child.kill('SIGINT')
    expect(await served.exit).toBe(0)
  })

  it('rejects bad flags with a config error', async () => {
    const home = tempHome()
    homes.push(home)
    const error = await serve(['--port', 'eighty'], { MYNAH_HOME: home.dir }).catch((e: Error) => e)
    expect(String(error)).toMatch(/E_CONFIG_INVALID/)
  })

  it('refuses an engine id that is not in the registry at boot', async () => {
    const home = tempHome()
    homes.push(home)
    const error = await serve(['--engine', 'nope'], { MYNAH_HOME: home.dir }).catch((e: Error) => e)
    expect(String(error)).toMatch(/serve exited with 1[\s\S]*E_ENGINE_UNKNOWN/)
  })
})

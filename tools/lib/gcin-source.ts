/**
 * Where the gcin-voice recordings come from: the Debian package `gcin-voice` (files
 * /usr/share/gcin-voice/ogg/<zhuyin><tone>/{3,5}.ogg). When it is not installed the package
 * is fetched with `apt-get download` and unpacked with `dpkg-deb -x` into .vendor/
 * (git-ignored), so the build never needs root.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

export interface GcinSource {
  /** Folder holding <zhuyin><tone>/{3,5}.ogg. */
  readonly oggDir: string
  /** Debian package version the files came from. */
  readonly version: string
  /** The Debian copyright file (licences and attribution). */
  readonly copyright: string
}

const INSTALLED = '/usr/share/gcin-voice/ogg'

function installedVersion(): string {
  try {
    // dpkg-query's own ${Version} field syntax, not a JS template.
    const format = ['-f=$', '{Version}'].join('')
    return execFileSync('dpkg-query', ['-W', format, 'gcin-voice'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

/** Find or fetch gcin-voice. `explicitDir` overrides (a folder with the zhuyin sub-folders). */
export function locateGcinVoice(repoRoot: string, explicitDir?: string): GcinSource {
  if (explicitDir) return { oggDir: resolve(explicitDir), version: 'unknown', copyright: '' }
  if (existsSync(INSTALLED))
    return {
      oggDir: INSTALLED,
      version: installedVersion(),
      copyright: '/usr/share/doc/gcin-voice/copyright',
    }
  const vendor = join(repoRoot, '.vendor', 'gcin-voice')
  const root = join(vendor, 'root')
  const oggDir = join(root, 'usr/share/gcin-voice/ogg')
  if (!existsSync(oggDir)) {
    mkdirSync(vendor, { recursive: true })
    console.log('gcin-voice is not installed; fetching it with apt-get download into .vendor/gcin-voice')
    execFileSync('apt-get', ['download', 'gcin-voice'], { cwd: vendor, stdio: 'inherit' })
    const deb = readdirSync(vendor).find((f) => f.startsWith('gcin-voice_') && f.endsWith('.deb'))
    if (!deb) throw new Error('apt-get download gcin-voice produced no .deb')
    execFileSync('dpkg-deb', ['-x', join(vendor, deb), root], { stdio: 'inherit' })
  }
  const deb = readdirSync(vendor).find((f) => f.endsWith('.deb')) ?? ''
  const version = /^gcin-voice_([^_]+)_/.exec(deb)?.[1]?.replace('%3a', ':') ?? 'unknown'
  return { oggDir, version, copyright: join(root, 'usr/share/doc/gcin-voice/copyright') }
}

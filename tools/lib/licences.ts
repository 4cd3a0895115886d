/** Licence files written beside each pack, from the Debian package's copyright file and common-licenses. */
import { existsSync, readFileSync } from 'node:fs'

/** One "License: NAME" paragraph of a Debian machine-readable copyright file, de-indented. */
export function debianLicenceText(copyrightFile: string, name: string): string {
  if (!existsSync(copyrightFile)) return ''
  const lines = readFileSync(copyrightFile, 'utf8').split('\n')
  // The stand-alone licence paragraph is the "License:" line followed by indented text.
  const start = lines.findIndex((l, i) => l.trim() === `License: ${name}` && /^\s/.test(lines[i + 1] ?? ''))
  if (start < 0) return ''
  const body: string[] = []
  for (let i = start + 1; i < lines.length && /^\s/.test(lines[i]); i++)
    body.push(lines[i].trim() === '.' ? '' : lines[i].slice(1))
  return body.join('\n')
}

export function commonLicence(name: string): string {
  const path = `/usr/share/common-licenses/${name}`
  return existsSync(path)
    ? readFileSync(path, 'utf8')
    : `See https://www.gnu.org/licenses/ for the ${name} text.\n`
}

export function maleLicence(version: string): string {
  return [
    'zh-male voice pack (mynah)',
    '',
    'Recordings: gcin-voice, files */3.ogg, Debian package gcin-voice ' + version + '.',
    'Copyright: 2014 Edward Der-Hua Liu.',
    'Upstream: http://hyperrate.com/thread.php?tid=30325#30325',
    'Licence: the recordings are offered under "GPL-3 or LGPL-3"; mynah uses them under the',
    'GNU Lesser General Public License version 3 (LGPL-3.0-only), reproduced below, which',
    'incorporates the GNU General Public License version 3, also reproduced below.',
    '',
    'Modifications (tools/build-voice-zh.ts): DC offset removed, resampled to 24 kHz, silence',
    'trimmed, loudness normalised, re-encoded as Opus; some syllables re-pitched, composed from',
    'other syllables, or converted from the zh-female recordings (see index.json "origin").',
    'The build tool is the preferred form for making modifications; run `npm run build:voices`.',
    '',
    '==================================================================== LGPL-3',
    commonLicence('LGPL-3'),
    '==================================================================== GPL-3',
    commonLicence('GPL-3'),
  ].join('\n')
}

export function femaleLicence(version: string, copyrightFile: string): string {
  const cc = debianLicenceText(copyrightFile, 'CC-BY-3')
  return [
    'zh-female voice pack (mynah)',
    '',
    'Recordings: gcin-voice, files */5.ogg, Debian package gcin-voice ' + version + '.',
    'Attribution: 聲優 羅竺與徵音梅林開發委員會錄音組',
    '             (ChionMeilin with the vocal source from Chu Lo)',
    'Upstream: http://hyperrate.com/thread.php?tid=30325#30325',
    'Licence: Creative Commons Attribution 3.0 Unported (CC BY 3.0),',
    '         https://creativecommons.org/licenses/by/3.0/ — full text below.',
    '',
    'This pack is an Adaptation of the Work. Changes made (tools/build-voice-zh.ts): DC offset',
    'removed, resampled to 24 kHz, silence trimmed, loudness normalised, re-encoded as Opus;',
    'some syllables re-pitched, composed from other syllables, or converted from the zh-male',
    'recordings (see index.json "origin"). The original recordings were not modified in place.',
    '',
    '==================================================================== CC BY 3.0',
    cc || 'See https://creativecommons.org/licenses/by/3.0/legalcode',
    '',
  ].join('\n')
}

/**
 * Builds the Mandarin voice packs voices/zh-male and voices/zh-female from the Debian
 * package gcin-voice (3.ogg = male, LGPL-3; 5.ogg = female, CC BY 3.0). Run with
 * `npm run build:voices` (or `npx tsx tools/build-voice-zh.ts [--source DIR] [--out DIR]`).
 * Prints a coverage table: how every toned syllable pinyin-pro can produce is realised.
 * See docs/voices-zh.md.
 */
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeFileAtomicSync } from '../src/core/files.js'
import { formatTable } from '../src/core/table.js'
import type { EpochOptions } from '../src/dsp/epochs.js'
import { median, percentile } from '../src/dsp/signal.js'
import {
  type BlobOrigin,
  encodeMarks,
  PACK_FORMAT,
  PACK_VERSION,
  type PackBlob,
  type PackIndex,
  type SpeakerStats,
  type SyllableEntry,
  type SyllableSourceKind,
} from '../src/engines/builtin/zh/pack-format.js'
import { opusLookahead, UnitDecoder, UnitEncoder } from '../src/engines/builtin/zh/unit-codec.js'
import { anyTone, BASE_ALIASES, COMPOSITIONS, planSyllable } from './lib/derive-plan.js'
import { locateGcinVoice } from './lib/gcin-source.js'
import { femaleLicence, maleLicence } from './lib/licences.js'
import { pinyinProBases } from './lib/pinyin-inventory.js'
import { blend, convertSpeaker, estimateFormantRatio, splice, voicedLtas } from './lib/speaker-convert.js'
import { analyseUnit, type UnitAnalysis } from './lib/unit-analysis.js'
import { defaultPrepOptions, prepareUnit } from './lib/unit-prep.js'
import { zhuyinToPinyin } from './lib/zhuyin.js'

const REPO = resolve(fileURLToPath(import.meta.url), '../..')
const SAMPLE_RATE = 24000
const BITRATE_KBPS = 32

interface SpeakerSpec {
  readonly name: 'zh-male' | 'zh-female'
  readonly file: string
  /** Epoch detection tuned to the speaker's range (the male voice is often diplophonic). */
  readonly epoch: Partial<EpochOptions>
}

const SPEAKERS: readonly SpeakerSpec[] = [
  {
    name: 'zh-male',
    file: '3.ogg',
    epoch: { minHz: 55, maxHz: 320, zffPeriodSeconds: 0.0055, voicingPeriodicity: 0.65, voicingRangeDb: 26 },
  },
  {
    name: 'zh-female',
    file: '5.ogg',
    epoch: { minHz: 100, maxHz: 550, zffPeriodSeconds: 0.0028, voicingPeriodicity: 0.5, voicingRangeDb: 30 },
  },
]

interface Unit {
  readonly key: string
  readonly samples: Float32Array
  readonly blob: Uint8Array
  readonly analysis: UnitAnalysis
  readonly origin: BlobOrigin
}

interface SpeakerData {
  readonly spec: SpeakerSpec
  readonly recorded: Map<string, Unit>
  readonly defects: Map<string, string>
  stats?: SpeakerStats
}

let encoder: UnitEncoder
let decoder: UnitDecoder
const preSkip = opusLookahead(SAMPLE_RATE)

/** Encode, decode back and analyse the decoded audio (so marks match what the runtime decodes). */
function makeUnit(key: string, samples: Float32Array, spec: SpeakerSpec, origin: BlobOrigin): Unit {
  const blob = encoder.encode(samples)
  const decoded = decoder.decode(blob, preSkip, samples.length)
  return { key, samples: decoded, blob, analysis: analyseUnit(decoded, SAMPLE_RATE, spec.epoch), origin }
}

function speakerStats(units: Map<string, Unit>): SpeakerStats {
  const all: number[] = []
  const tone1: number[] = []
  const tone3: number[] = []
  const seconds: number[] = []
  for (const u of units.values()) {
    for (const v of u.analysis.markHz) if (v > 0) all.push(v)
    if (u.analysis.f0Hz > 0 && u.key.endsWith('1')) tone1.push(u.analysis.f0Hz)
    if (u.analysis.f0Hz > 0 && u.key.endsWith('3')) tone3.push(u.analysis.f0Hz)
    seconds.push(u.samples.length / SAMPLE_RATE)
  }
  return {
    medianHz: Math.round(median(all)),
    highHz: Math.round(median(tone1)),
    lowHz: Math.round(
      percentile(
        tone3.sort((a, b) => a - b),
        0.1,
      ),
    ),
    medianSeconds: Math.round(median(seconds) * 1000) / 1000,
    polarity: 1,
  }
}

async function loadSpeaker(
  spec: SpeakerSpec,
  oggDir: string,
  bases: ReadonlySet<string>,
): Promise<SpeakerData> {
  const recorded = new Map<string, Unit>()
  const defects = new Map<string, string>()
  const folders = readdirSync(oggDir).sort()
  for (const folder of folders) {
    const parsed = zhuyinToPinyin(folder)
    if (!parsed.ok || !bases.has(parsed.base)) continue
    const path = join(oggDir, folder, spec.file)
    let prepared: Awaited<ReturnType<typeof prepareUnit>>
    try {
      prepared = await prepareUnit(path, { sampleRate: SAMPLE_RATE })
    } catch {
      continue // this speaker did not record the syllable
    }
    if (prepared.defects.length) {
      defects.set(parsed.pinyin, prepared.defects.join('+'))
      continue
    }
    const unit = makeUnit(parsed.pinyin, prepared.samples, spec, {
      kind: 'recorded',
      from: [`${folder}/${spec.file}`],
      note: `gain ${prepared.gainDb.toFixed(1)} dB, dc ${prepared.dcOffset.toFixed(3)}`,
    })
    if (unit.analysis.voicedSeconds < 0.04) {
      defects.set(parsed.pinyin, 'no-voicing')
      continue
    }
    recorded.set(parsed.pinyin, unit)
  }
  return { spec, recorded, defects }
}

interface BuiltPack {
  readonly index: PackIndex
  readonly bin: Uint8Array
  readonly counts: Record<SyllableSourceKind | 'missing', number>
}

function buildPack(
  self: SpeakerData,
  other: SpeakerData,
  alpha: number,
  bases: readonly string[],
  source: { version: string },
): BuiltPack {
  const spec = self.spec
  const stats = self.stats!
  const otherStats = other.stats!
  const blobs: Unit[] = []
  const blobIndex = new Map<Unit, number>()
  const add = (u: Unit) => {
    let i = blobIndex.get(u)
    if (i === undefined) {
      i = blobs.length
      blobs.push(u)
      blobIndex.set(u, i)
    }
    return i
  }
  const converted = new Map<string, Unit>()
  const convert = (key: string) => {
    let u = converted.get(key)
    if (!u) {
      const src = other.recorded.get(key)!
      const ratio = stats.medianHz / otherStats.medianHz
      const samples = convertSpeaker({ samples: src.samples, ...src.analysis }, SAMPLE_RATE, alpha, ratio)
      u = makeUnit(`${other.spec.name}:${key}>${spec.name}`, samples, spec, {
        kind: 'speaker',
        from: [`${other.spec.name}:${key}`],
        note: `envelope warp ${alpha.toFixed(2)}, F0 x${ratio.toFixed(2)}`,
      })
      converted.set(key, u)
    }
    return u
  }
  const ownKeys = new Set(self.recorded.keys())
  const otherKeys = new Set(other.recorded.keys())
  const syllables: Record<string, SyllableEntry> = {}
  const counts: Record<SyllableSourceKind | 'missing', number> = {
    recorded: 0,
    tone: 0,
    neutral: 0,
    speaker: 0,
    splice: 0,
    blend: 0,
    substitute: 0,
    missing: 0,
  }
  const ownOrConverted = (base: string): Unit | undefined => {
    const k = anyTone(base, ownKeys)
    if (k) return self.recorded.get(k)
    const o = anyTone(base, otherKeys)
    return o ? convert(o) : undefined
  }
  const substitutes: [string, string][] = []
  for (const base of bases) {
    if (BASE_ALIASES[base]) continue
    const composition = COMPOSITIONS[base]
    if (composition && !anyTone(base, ownKeys) && !anyTone(base, otherKeys)) {
      if ('substitute' in composition) {
        substitutes.push([base, composition.substitute])
        continue
      }
      const [a, b] = 'splice' in composition ? composition.splice : composition.blend
      const ua = a ? ownOrConverted(a) : undefined
      const ub = ownOrConverted(b)
      if ((a && !ua) || !ub) throw new Error(`cannot compose ${base} from ${a}+${b} for ${spec.name}`)
      const kind = 'splice' in composition ? 'splice' : 'blend'
      const samples =
        kind === 'splice'
          ? splice(
              ua && { samples: ua.samples, ...ua.analysis },
              { samples: ub.samples, ...ub.analysis },
              SAMPLE_RATE,
            )
          : blend(
              { samples: ua!.samples, ...ua!.analysis },
              { samples: ub.samples, ...ub.analysis },
              SAMPLE_RATE,
            )
      const from = [ua?.key, ub.key].filter((k): k is string => !!k)
      const unit = makeUnit(`${base}*`, samples, spec, { kind, from })
      const blob = add(unit)
      for (let tone = 1; tone <= 5; tone++) {
        syllables[`${base}${tone}`] = { blob, kind, from: from.join('+') }
        counts[kind]++
      }
      continue
    }
    for (let tone = 1; tone <= 5; tone++) {
      const key = `${base}${tone}`
      const step = planSyllable(base, tone, ownKeys, otherKeys)
      if (!step) {
        counts.missing++
        continue
      }
      const unit = step.unit.startsWith('other:')
        ? convert(step.unit.slice(6))
        : self.recorded.get(step.unit)!
      const entry: SyllableEntry =
        step.kind === 'recorded'
          ? { blob: add(unit), kind: 'recorded' }
          : { blob: add(unit), kind: step.kind, from: step.unit.replace('other:', `${other.spec.name}:`) }
      syllables[key] = entry
      counts[step.kind]++
    }
  }
  for (const [base, sub] of substitutes) {
    for (let tone = 1; tone <= 5; tone++) {
      const target = syllables[`${sub}${tone}`]
      if (!target) {
        counts.missing++
        continue
      }
      syllables[`${base}${tone}`] = { blob: target.blob, kind: 'substitute', from: `${sub}${tone}` }
      counts.substitute++
    }
  }
  // Concatenate blobs.
  let size = 0
  for (const u of blobs) size += u.blob.length
  const bin = new Uint8Array(size)
  const packBlobs: PackBlob[] = []
  let offset = 0
  for (const u of blobs) {
    bin.set(u.blob, offset)
    const a = u.analysis
    packBlobs.push({
      id: u.key,
      offset,
      bytes: u.blob.length,
      samples: u.samples.length,
      marks: encodeMarks(a.marks),
      voicedRuns: a.voicedRuns,
      voicedStart: a.voicedStart,
      voicedEnd: a.voicedEnd,
      f0Hz: Math.round(a.f0Hz * 10) / 10,
      origin: u.origin,
    })
    offset += u.blob.length
  }
  const index: PackIndex = {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    name: spec.name,
    sampleRate: SAMPLE_RATE,
    codec: {
      name: 'opus',
      framing: 'u16le-length-prefixed-packets',
      sampleRate: SAMPLE_RATE,
      bitrateKbps: BITRATE_KBPS,
      frameSamples: SAMPLE_RATE / 50,
      preSkip,
    },
    speaker: stats,
    unitLevelDbfs: defaultPrepOptions.levelDbfs,
    source: {
      package: 'gcin-voice (Debian)',
      version: source.version,
      files: `/usr/share/gcin-voice/ogg/*/${spec.file}`,
      licence: spec.name === 'zh-male' ? 'LGPL-3.0-only' : 'CC-BY-3.0',
    },
    blobs: packBlobs,
    syllables,
    aliases: { ...BASE_ALIASES },
  }
  return { index, bin, counts }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { source: { type: 'string' }, out: { type: 'string' } },
  })
  const out = resolve(values.out ?? join(REPO, 'voices'))
  const source = locateGcinVoice(REPO, values.source)
  console.log(`gcin-voice ${source.version} from ${source.oggDir}`)
  const started = performance.now()
  const baseList = pinyinProBases()
  const bases = new Set(baseList)
  console.log(
    `inventory: ${baseList.length} base syllables from pinyin-pro × 5 tones = ${baseList.length * 5}`,
  )
  encoder = await UnitEncoder.create(SAMPLE_RATE, BITRATE_KBPS)
  decoder = await UnitDecoder.create(SAMPLE_RATE)
  const speakers: SpeakerData[] = []
  for (const spec of SPEAKERS) {
    const data = await loadSpeaker(spec, source.oggDir, bases)
    data.stats = speakerStats(data.recorded)
    console.log(
      `${spec.name}: ${data.recorded.size} usable recordings, ${data.defects.size} excluded ` +
        `(${[...data.defects].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}); F0 median ${data.stats.medianHz} Hz, ` +
        `tone-1 ${data.stats.highHz} Hz, tone-3 p10 ${data.stats.lowHz} Hz`,
    )
    speakers.push(data)
  }
  const [male, female] = speakers
  const ltas = (s: SpeakerData) =>
    voicedLtas([...s.recorded.values()].map((u) => ({ samples: u.samples, ...u.analysis })))
  const alpha = estimateFormantRatio(ltas(male), ltas(female), SAMPLE_RATE)
  console.log(`formant scale female/male estimated from long-term spectra: ${alpha}`)
  const header = [
    'voice',
    'recorded',
    'tone',
    'neutral',
    'speaker',
    'splice',
    'blend',
    'substitute',
    'missing',
    'blobs',
    'MB',
  ]
  const rows: string[][] = []
  for (const [self, other, a] of [
    [male, female, 1 / alpha],
    [female, male, alpha],
  ] as const) {
    const built = buildPack(self, other, a, baseList, source)
    const dir = join(out, self.spec.name)
    writeFileAtomicSync(join(dir, 'units.bin'), built.bin)
    writeFileAtomicSync(join(dir, 'index.json'), `${JSON.stringify(built.index)}\n`)
    writeFileAtomicSync(
      join(dir, 'LICENSE'),
      self.spec.name === 'zh-male'
        ? maleLicence(source.version)
        : femaleLicence(source.version, source.copyright),
    )
    const c = built.counts
    const mb = (built.bin.length + JSON.stringify(built.index).length) / 1e6
    rows.push([
      self.spec.name,
      ...[
        c.recorded,
        c.tone,
        c.neutral,
        c.speaker,
        c.splice,
        c.blend,
        c.substitute,
        c.missing,
        built.index.blobs.length,
      ].map(String),
      mb.toFixed(2),
    ])
  }
  console.log(
    `\ncoverage of ${baseList.length * 5} toned syllables (+ alias ${Object.keys(BASE_ALIASES).join(', ')}):`,
  )
  console.log(formatTable(header, rows))
  console.log(`\nbuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  encoder.free()
  decoder.free()
}

await main()

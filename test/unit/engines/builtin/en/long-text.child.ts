/**
 * Child process for flite.test.ts: renders a 600-word text through the library path (no
 * bin/mynah.js, so the V8 flag must come from the library itself) and prints the duration.
 * A crash here fails the test instead of killing the vitest worker.
 */
import { renderEnglish } from '../../../../../src/engines/builtin/en/render.js'

const words =
  'the quick brown fox jumps over the lazy dog while seven happy children sing old songs about rivers mountains and the sea'.split(
    ' ',
  )
const text = Array.from({ length: 600 }, (_, i) => words[i % words.length] + (i % 15 === 14 ? '.' : '')).join(
  ' ',
)
const audio = await renderEnglish('en-slt', text)
process.stdout.write(
  `${JSON.stringify({ words: text.split(' ').length, seconds: audio.samples.length / audio.sampleRate })}\n`,
)

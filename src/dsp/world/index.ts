/**
 * WORLD-style vocoder written for mynah: F0 (f0.ts + stonemask.ts), spectral envelope
 * (cheaptrick.ts), band aperiodicity (d4c.ts), synthesis (synthesis.ts) and the
 * mel-cepstral distortion used to measure it (mcep.ts), formants (formants.ts) and a
 * small MFCC-statistics speaker embedding (speaker.ts).
 */
export { type AnalysisOptions, analyze } from './analysis.js'
export { envelopeFftSize, F0_FLOOR, type WorldParams } from './common.js'
export { aperiodicitySpectrum, bandCentres } from './d4c.js'
export { DEFAULT_F0_OPTIONS, estimateF0, type F0Options, frameCount } from './f0.js'
export { formantsOfEnvelope, tractLengthFromFormants } from './formants.js'
export { cepstralDistance, melAlpha, melCepstralDistortion, melCepstrum } from './mcep.js'
export { centredCosine, type EmbeddingOptions, mfccFrames, speakerEmbedding } from './speaker.js'
export { type SynthesisOptions, synthesize } from './synthesis.js'

/** Real FFT of a power-of-two size (fft.js, radix-4), with reusable buffers. */
import FFT from 'fft.js'

export class RealFft {
  readonly size: number
  private readonly fft: FFT
  private readonly spectrum: number[]
  private readonly timeBuffer: number[]

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0)
      throw new RangeError(`FFT size must be a power of two, got ${size}`)
    this.size = size
    this.fft = new FFT(size)
    this.spectrum = this.fft.createComplexArray() as number[]
    this.timeBuffer = this.fft.createComplexArray() as number[]
  }

  /** Forward transform of `input` (length size); returns interleaved re/im of bins 0..size/2. */
  forward(input: Float64Array, reOut: Float64Array, imOut: Float64Array): void {
    this.fft.realTransform(this.spectrum, input)
    this.fft.completeSpectrum(this.spectrum)
    for (let k = 0; k <= this.size / 2; k++) {
      reOut[k] = this.spectrum[2 * k]
      imOut[k] = this.spectrum[2 * k + 1]
    }
  }

  /** Inverse of forward: bins 0..size/2 (Hermitian symmetry assumed) to a real signal. */
  inverse(re: Float64Array, im: Float64Array, out: Float64Array): void {
    const n = this.size
    for (let k = 0; k <= n / 2; k++) {
      this.spectrum[2 * k] = re[k]
      this.spectrum[2 * k + 1] = im[k]
    }
    for (let k = n / 2 + 1; k < n; k++) {
      this.spectrum[2 * k] = re[n - k]
      this.spectrum[2 * k + 1] = -im[n - k]
    }
    this.fft.inverseTransform(this.timeBuffer, this.spectrum)
    for (let i = 0; i < n; i++) out[i] = this.timeBuffer[2 * i]
  }
}

export function nextPowerOfTwo(n: number): number {
  let p = 1
  while (p < n) p <<= 1
  return p
}

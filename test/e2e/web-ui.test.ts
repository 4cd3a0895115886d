/**
 * The web UI in a real browser: Playwright (playwright-core) drives Debian's Chromium
 * against a server started here. It uploads a reference clip from the shared test data,
 * moves an emotion slider, generates, and checks the audio element holds playable audio;
 * it records from Chromium's fake microphone through the AudioWorklet recorder; it checks
 * that Chinese renders with real glyphs. A screenshot is kept at test-artifacts/web-ui.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config.js'
import { createMynah } from '../../src/runtime/mynah.js'
import { buildServer } from '../../src/server/app.js'
import { VoiceLibrary } from '../../src/voice/library.js'
import { REPO_ROOT, requireTestdata, requireTools, testdata } from '../helpers/env.js'
import { FakeMynah } from '../helpers/fake-mynah.js'

const CHROMIUM = '/usr/bin/chromium'
const has = requireTools(CHROMIUM) && requireTestdata()
const SCREENSHOT = resolve(REPO_ROOT, 'test-artifacts', 'web-ui.png')
/** The bits of HTMLAudioElement the test reads (the test project is typed without the DOM library). */
interface MediaLike {
  readyState: number
  duration: number
  error: { code: number } | null
  addEventListener(type: string, listener: () => void, options?: { once: boolean }): void
}

const TEXT = '你好，世界。今天天气很好！Hello from mynah.'

/** Headless Chromium on a closed network: no background fetches, no first-run, no sandbox (root). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Duration of the player's audio once its metadata has loaded (rejects on a media error). */
function playerDuration(page: Page): Promise<number> {
  return page.locator('#player').evaluate(
    (audio: MediaLike) =>
      new Promise<number>((resolve, reject) => {
        if (audio.readyState >= 1) return resolve(audio.duration)
        audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true })
        audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), {
          once: true,
        })
      }),
  )
}

/** Serve the built UI over `mynah`, open it in a fresh browser, run `use`, close both. */
async function withUi(
  mynah: Parameters<typeof buildServer>[0],
  options: { apiKey?: string },
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const app = await buildServer(mynah, { webRoot: await buildUi(), ...options })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`)
    await use(page)
  } finally {
    await browser.close()
    await app.close()
  }
}

/** The UI built once per run from the current web/ sources into a temp folder. */
let built: Promise<string> | undefined
const buildDir = mkdtempSync(join(tmpdir(), 'mynah-e2e-ui-'))
function buildUi(): Promise<string> {
  built ??= build({
    configFile: resolve(REPO_ROOT, 'web', 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: buildDir, emptyOutDir: true, sourcemap: false },
  }).then(() => buildDir)
  return built
}
afterAll(() => rmSync(buildDir, { recursive: true, force: true }))

describe.skipIf(!has)('web UI in Chromium', () => {
  let work: string
  let library: VoiceLibrary
  let mynah: FakeMynah
  let app: Awaited<ReturnType<typeof buildServer>>
  let context: BrowserContext
  let page: Page
  let url: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mynah-e2e-'))
    const webRoot = await buildUi()
    library = new VoiceLibrary({ home: join(work, 'home') })
    mynah = new FakeMynah({ library })
    app = await buildServer(mynah, { webRoot })
    await app.listen({ host: '127.0.0.1', port: 0 })
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
      ],
      viewport: { width: 1280, height: 1100 },
      locale: 'zh-CN',
    })
    await context.grantPermissions(['microphone'], { origin: url.replace(/\/$/, '') })
    page = await context.newPage()
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`))
    await page.goto(url)
  })

  afterAll(async () => {
    await context?.close()
    await app?.close()
    library?.close()
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('shows the segment preview of Chinese and English text', async () => {
    await page.fill('#text', TEXT)
    await page.waitForFunction("document.querySelectorAll('#segments tr').length === 3")
    const cells = await page.locator('#segments tr td:nth-child(2)').allTextContents()
    expect(cells).toEqual(['你好，世界。', '今天天气很好！', 'Hello from mynah.'])
    const tokens = await page.locator('#segments tr td:nth-child(3)').allTextContents()
    expect(tokens.map(Number)).toEqual([6, 7, 15])
  })

  it('renders Chinese with real glyphs (fonts-noto-cjk), not boxes', async () => {
    // Tofu boxes are identical for every missing character; real glyphs differ.
    // (Browser-side code is passed as text: the test project is typed without the DOM library.)
    const distinct = await page.evaluate(`(() => {
      const draw = (ch) => {
        const canvas = document.createElement('canvas')
        canvas.width = 40
        canvas.height = 40
        const ctx = canvas.getContext('2d')
        ctx.font = '32px ' + getComputedStyle(document.body).fontFamily
        ctx.fillText(ch, 2, 34)
        return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',')
      }
      return new Set(['你', '好', '世', '界'].map(draw)).size
    })()`)
    expect(distinct).toBe(4)
  })

  it('uploads a reference clip, moves an emotion slider, generates playable audio', async () => {
    const clipPath = testdata('voices', 'ljspeech', 'LJ001-0002.wav')
    await page.setInputFiles('#reference-file', clipPath)
    await page.locator('#reference-info', { hasText: /\d\.\d\d s/ }).waitFor()
    expect(await page.inputValue('#voice')).toBe('clip')

    await page.check('input[name="emotion-mode"][value="vector"]')
    const slider = page.locator('#emotion-happy')
    await slider.focus()
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight')
    expect(await slider.inputValue()).toBe('0.5')

    const before = mynah.requests.length
    await page.click('#generate')
    await page.locator('#status', { hasText: 'Done' }).waitFor({ timeout: 60_000 })
    const duration = await playerDuration(page)
    const expected = (6 + 7 + 17) * 0.06 // the fake speaks 0.06 s per character of each segment
    expect(Number.isFinite(duration)).toBe(true)
    expect(duration).toBeGreaterThan(0)
    expect(duration).toBeCloseTo(expected, 1)

    // What the library was asked for: the uploaded clip's bytes and the slider's weight.
    expect(mynah.requests.length).toBe(before + 1)
    const request = mynah.requests.at(-1)
    expect(request?.reference).toEqual(new Uint8Array(readFileSync(clipPath)))
    expect(request?.emotion).toMatchObject({ mode: 'vector', vector: { happy: 0.5, calm: 0 } })
    expect(request?.text).toBe(TEXT)
    expect(await page.locator('#history li').count()).toBe(1)

    mkdirSync(resolve(REPO_ROOT, 'test-artifacts'), { recursive: true })
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
    console.log(`web UI screenshot: ${SCREENSHOT}`)
  })

  it('records from the microphone through the AudioWorklet and uploads WAV', async () => {
    await page.click('#record')
    await page.waitForTimeout(1500)
    await page.click('#record')
    await page.locator('#reference-info', { hasText: /录音 · \d\.\d\d s/ }).waitFor()
    const info = (await page.textContent('#reference-info')) ?? ''
    const seconds = Number(/(\d+\.\d\d) s/.exec(info)?.[1])
    expect(seconds).toBeGreaterThan(0.5)
    expect(seconds).toBeLessThan(10)
    await page.fill('#voice-name', '麦克风 mic')
    await page.click('#voice-save')
    await page.locator('#status', { hasText: 'Saved as' }).waitFor()
    const saved = library.list()
    expect(saved.map((v) => v.name)).toEqual(['麦克风 mic'])
    expect(saved[0]?.format).toBe('wav')
    expect(saved[0]?.durationSeconds).toBeCloseTo(seconds, 1)
  })
})

describe.skipIf(!has)('web UI with an API key', () => {
  it('asks for the key once, then works with it', async () => {
    await withUi(new FakeMynah(), { apiKey: 'ui-key' }, async (page) => {
      const dialog = page.locator('#key-dialog')
      await dialog.waitFor({ state: 'visible' })
      await page.fill('#key-input', 'ui-key')
      await page.click('#key-dialog button[type="submit"]')
      await page.locator('#sys-engine', { hasText: 'builtin' }).waitFor()
      await page.locator('#voice option[value="kal"]').waitFor({ state: 'attached' })
      expect(await dialog.isVisible()).toBe(false)
    })
  })
})

describe.skipIf(!has)('web UI over the real library', () => {
  it('generates with a built-in voice and an emotion vector through the real engine', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mynah-e2e-real-'))
    const mynah = createMynah(loadConfig({ flags: { home }, env: {} }))
    try {
      await withUi(mynah, {}, async (page) => {
        await page.locator('#voice option[value="zh-female"]').waitFor({ state: 'attached' })
        await page.selectOption('#voice', 'zh-female')
        await page.fill('#text', '今天的天气真不错。我们一起去公园吧！')
        await page.check('input[name="emotion-mode"][value="vector"]')
        await page.locator('#emotion-happy').fill('0.8')
        await page.selectOption('#format', 'mp3')
        await page.click('#generate')
        await page.locator('#status', { hasText: 'Done' }).waitFor({ timeout: 60_000 })
        const duration = await playerDuration(page)
        // 16 syllables at a plausible 2.5-8 syllables per second.
        expect(duration).toBeGreaterThan(16 / 8)
        expect(duration).toBeLessThan(16 / 2.5 + 1)
        expect(await page.locator('#error').isVisible()).toBe(false)
      })
    } finally {
      await mynah.close()
      rmSync(home, { recursive: true, force: true })
    }
  })
})

/**
 * The web UI: the files Vite built into dist/web, served at /. Hashed assets under
 * /assets/ are cached for a year; index.html is revalidated so a rebuilt UI shows up at
 * once. When the UI is not built the server still runs and / says how to build it.
 */
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

const NOT_BUILT = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>mynah</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>mynah is running</h1>
<p>The web UI is not built. In the mynah checkout run <code>npm install</code>
(it builds everything) or <code>npm run build</code>, then restart <code>mynah serve</code>.</p>
<p>The HTTP API works without it: see <code>/v1/audio/speech</code>, <code>/api/synthesize</code>,
<code>/api/voices</code>, <code>/api/system</code> and <code>docs/http-api.md</code>.</p>
</body></html>
`

export async function webRoutes(app: FastifyInstance, webRoot: string | null): Promise<void> {
  if (webRoot === null) {
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT))
    return
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    index: ['index.html'],
    // Only files that exist are served; no directory listings, no dotfiles.
    dotfiles: 'deny',
    list: false,
    cacheControl: false,
    setHeaders(reply, path) {
      const hashed = /[\\/]assets[\\/]/.test(path)
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      reply.header('x-content-type-options', 'nosniff')
    },
  })
}

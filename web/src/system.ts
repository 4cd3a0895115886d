/** The live system panel: engine, device, memory used vs budget, queue; polled while the page is visible. */
import { apiJson } from './api.js'
import { byId, formatBytes } from './dom.js'

interface SystemStatus {
  engine: { id: string; loaded: boolean; device: string }
  memory: { rssBytes: number; budgetBytes: number; reservedBytes: number }
  queue: { active: number; waiting: number; capacity: number }
}

const POLL_MS = 3000

export function setupSystemPanel(): void {
  const engine = byId('sys-engine')
  const device = byId('sys-device')
  const meter = byId<HTMLMeterElement>('sys-memory')
  const memory = byId('sys-memory-text')
  const queue = byId('sys-queue')

  const poll = async () => {
    if (document.hidden) return
    try {
      const s = await apiJson<SystemStatus>('/api/system')
      engine.textContent = `${s.engine.id}${s.engine.loaded ? '' : ' (not loaded · 未加载)'}`
      device.textContent = s.engine.device
      const used = Math.max(s.memory.rssBytes, s.memory.reservedBytes)
      meter.max = Math.max(1, s.memory.budgetBytes)
      meter.value = Math.min(used, meter.max)
      memory.textContent =
        s.memory.budgetBytes > 0
          ? `${formatBytes(used)} / ${formatBytes(s.memory.budgetBytes)}`
          : formatBytes(used)
      queue.textContent = `${s.queue.active} running · ${s.queue.waiting} waiting / ${s.queue.capacity}`
    } catch {
      engine.textContent = 'unreachable · 无法连接'
    }
  }
  void poll()
  setInterval(() => void poll(), POLL_MS)
  document.addEventListener('visibilitychange', () => void poll())
}

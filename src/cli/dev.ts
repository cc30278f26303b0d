// npm run dev: the same server with Next in development mode (hot reload of the admin).
const { serve } = await import('./serve.js')
await serve({ dev: true })

export {}

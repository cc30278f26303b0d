import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Express serves the public site; Next only renders the Payload admin and REST API.
  poweredByHeader: false,
  // No image optimizer: its cache would outlive a story's withdrawal (Express refuses /_next/image too).
  images: { unoptimized: true },
  eslint: { ignoreDuringBuilds: true },
  // Type checking is `npm run typecheck`; the build stays fast and within memory.
  typescript: { ignoreBuildErrors: true },
  // Server-only packages Node loads at run time: webpack cannot bundle rate-limiter-flexible (it reaches for
  // its optional stores' type files), and ioredis needs no bundling.
  serverExternalPackages: ['rate-limiter-flexible', 'ioredis', 'pino-http'],
  webpack: (config) => {
    config.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js', '.jsx'], '.mjs': ['.mts', '.mjs'] }
    return config
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })

// The pages about the community itself: its house rules and the privacy notice. The same for everyone, so
// the page cache keeps them; the notice reads the retention settings, so changing them renews it.
import { Router } from 'express'
import type { Payload } from 'payload'

import { HouseRulesPage } from '../../views/pages/HouseRulesPage.js'
import { PrivacyNoticePage } from '../../views/pages/PrivacyNoticePage.js'
import { sendPage } from '../../views/render.js'
import { privacySettings } from '../queries/privacy.js'
import { handle, pageContext } from './support.js'

export function aboutRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/house-rules',
    handle(async (req, res) => {
      sendPage(res, <HouseRulesPage ctx={await pageContext(payload, req, res)} />)
    }),
  )

  router.get(
    '/privacy-notice',
    handle(async (req, res) => {
      const [ctx, settings] = await Promise.all([pageContext(payload, req, res), privacySettings(payload)])
      sendPage(res, <PrivacyNoticePage ctx={ctx} settings={settings} />)
    }),
  )

  return router
}

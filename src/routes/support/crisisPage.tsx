// The page a member sees straight after writing crisis words where nothing is held (a report's note, a
// profile, a picture's description): what they did is saved, and the crisis panel says who to call.
import type { Response } from 'express'

import { CrisisPanel, type CrisisPanelWhat } from '../../../views/components/CrisisPanel.js'
import type { PageContext } from '../../../views/components/PageContext.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import type { LocalCrisisService } from '../../presenters/crisisService.js'

export function sendCrisisPanelPage(res: Response, ctx: PageContext, title: string, what: CrisisPanelWhat, local: LocalCrisisService[], back: string) {
  sendPage(
    res,
    <MessagePage ctx={ctx} title={title}>
      <CrisisPanel what={what} local={local} />
      <p>
        <a href={back}>Go back</a>
      </p>
    </MessagePage>,
  )
}

// Filtering or sorting stories by their author would unmask anonymous bylines, one query at a time.
import { refusePrivateQueries } from '../../shared/refusePrivateQueries.js'

export const refusePrivateStoryQueries = refusePrivateQueries({
  privatePaths: ['author', 'revision', 'revisionState', 'redaction', 'reasonForAuthor', 'triageAction', 'triageMatches', 'queueOrder', 'crisisHold', 'decidedAt', 'submittedAt', 'consentVersion'],
  ownerPath: 'author',
  noun: 'stories',
  defaultSort: '-publishedAt',
})

// MongoDB needs no schema migrations (collections and indexes are made by the adapter), only data ones.
import * as migration_20261205_132359_crisis_lexicon_data from './20261205_132359_crisis_lexicon_data.js'
import * as migration_20261208_110000_feedback_rows from './20261208_110000_feedback_rows.js'

export const migrations = [
  {
    up: migration_20261205_132359_crisis_lexicon_data.up,
    down: migration_20261205_132359_crisis_lexicon_data.down,
    name: '20261205_132359_crisis_lexicon_data',
  },
  {
    up: migration_20261208_110000_feedback_rows.up,
    down: migration_20261208_110000_feedback_rows.down,
    name: '20261208_110000_feedback_rows',
  },
]

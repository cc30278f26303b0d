// MongoDB needs no schema migrations (collections and indexes are made by the adapter), only data ones.
import * as migration_20261205_132359_crisis_lexicon_data from './20261205_132359_crisis_lexicon_data.js'
import * as migration_20261205_135640_author_history from './20261205_135640_author_history.js'

import * as migration_20261205_140000_random_media_names from './20261205_140000_random_media_names.js'
import * as migration_20261205_140300_staff_names from './20261205_140300_staff_names.js'
export const migrations = [
  {
    up: migration_20261205_132359_crisis_lexicon_data.up,
    down: migration_20261205_132359_crisis_lexicon_data.down,
    name: '20261205_132359_crisis_lexicon_data',
  },
  {
    up: migration_20261205_135640_author_history.up,
    down: migration_20261205_135640_author_history.down,
    name: '20261205_135640_author_history',
  },
  {
    up: migration_20261205_140000_random_media_names.up,
    down: migration_20261205_140000_random_media_names.down,
    name: '20261205_140000_random_media_names',
  },
  {
    up: migration_20261205_140300_staff_names.up,
    down: migration_20261205_140300_staff_names.down,
    name: '20261205_140300_staff_names',
  },
]

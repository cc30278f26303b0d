import * as migration_20261123_171854_initial from './20261123_171854_initial';
import * as migration_20261123_181224_stories from './20261123_181224_stories';

export const migrations = [
  {
    up: migration_20261123_171854_initial.up,
    down: migration_20261123_171854_initial.down,
    name: '20261123_171854_initial',
  },
  {
    up: migration_20261123_181224_stories.up,
    down: migration_20261123_181224_stories.down,
    name: '20261123_181224_stories'
  },
];

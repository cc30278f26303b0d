import * as migration_20261123_171854_initial from './20261123_171854_initial';
import * as migration_20261123_181224_stories from './20261123_181224_stories';
import * as migration_20261201_131556_forum from './20261201_131556_forum';
import * as migration_20261201_135519_forum_review_digest from './20261201_135519_forum_review_digest';
import * as migration_20261201_160938_meetings from './20261201_160938_meetings';
import * as migration_20261201_163349_privacy from './20261201_163349_privacy';
import * as migration_20261205_132353_safeguarding from './20261205_132353_safeguarding';
import * as migration_20261205_132359_crisis_lexicon_data from './20261205_132359_crisis_lexicon_data';
import * as migration_20261205_135636_author_history from './20261205_135636_author_history';
import * as migration_20261205_141313_staff_names from './20261205_141313_staff_names';
import * as migration_20261205_160457_issue12 from './20261205_160457_issue12';
import * as migration_20261205_224500_search_index from './20261205_224500_search_index';
import * as migration_20261206_000249_list_indexes from './20261206_000249_list_indexes';
import * as migration_20261206_030000_replies_thread_order from './20261206_030000_replies_thread_order';
import * as migration_20261206_060000_visible_stories_order from './20261206_060000_visible_stories_order';
import * as migration_20261206_080142_jobs_runner from './20261206_080142_jobs_runner';
import * as migration_20261206_080316_storage_prefix from './20261206_080316_storage_prefix';
import * as migration_20261206_090000_cache_invalidation from './20261206_090000_cache_invalidation';
import * as migration_20261206_112346_private_messages from './20261206_112346_private_messages';
import * as migration_20261206_112918_post_edits from './20261206_112918_post_edits';
import * as migration_20261206_113126_notifications from './20261206_113126_notifications';
import * as migration_20261207_100000_directory from './20261207_100000_directory';
import * as migration_20261207_110000_volunteering from './20261207_110000_volunteering';
import * as migration_20261207_110100_volunteer_badges from './20261207_110100_volunteer_badges';
import * as migration_20261207_120000_story_characteristics from './20261207_120000_story_characteristics';
import * as migration_20261207_130000_crisis_doors from './20261207_130000_crisis_doors';
import * as migration_20261208_100000_story_matching from './20261208_100000_story_matching';
import * as migration_20261208_110000_feedback_rows from './20261208_110000_feedback_rows';
import * as migration_20261208_120000_directory_checks from './20261208_120000_directory_checks';

export const migrations = [
  {
    up: migration_20261123_171854_initial.up,
    down: migration_20261123_171854_initial.down,
    name: '20261123_171854_initial',
  },
  {
    up: migration_20261123_181224_stories.up,
    down: migration_20261123_181224_stories.down,
    name: '20261123_181224_stories',
  },
  {
    up: migration_20261201_131556_forum.up,
    down: migration_20261201_131556_forum.down,
    name: '20261201_131556_forum',
  },
  {
    up: migration_20261201_135519_forum_review_digest.up,
    down: migration_20261201_135519_forum_review_digest.down,
    name: '20261201_135519_forum_review_digest',
  },
  {
    up: migration_20261201_160938_meetings.up,
    down: migration_20261201_160938_meetings.down,
    name: '20261201_160938_meetings',
  },
  {
    up: migration_20261201_163349_privacy.up,
    down: migration_20261201_163349_privacy.down,
    name: '20261201_163349_privacy',
  },
  {
    up: migration_20261205_132353_safeguarding.up,
    down: migration_20261205_132353_safeguarding.down,
    name: '20261205_132353_safeguarding',
  },
  {
    up: migration_20261205_132359_crisis_lexicon_data.up,
    down: migration_20261205_132359_crisis_lexicon_data.down,
    name: '20261205_132359_crisis_lexicon_data',
  },
  {
    up: migration_20261205_135636_author_history.up,
    down: migration_20261205_135636_author_history.down,
    name: '20261205_135636_author_history',
  },
  {
    up: migration_20261205_141313_staff_names.up,
    down: migration_20261205_141313_staff_names.down,
    name: '20261205_141313_staff_names',
  },
  {
    up: migration_20261205_160457_issue12.up,
    down: migration_20261205_160457_issue12.down,
    name: '20261205_160457_issue12',
  },
  {
    up: migration_20261205_224500_search_index.up,
    down: migration_20261205_224500_search_index.down,
    name: '20261205_224500_search_index',
  },
  {
    up: migration_20261206_000249_list_indexes.up,
    down: migration_20261206_000249_list_indexes.down,
    name: '20261206_000249_list_indexes',
  },
  {
    up: migration_20261206_030000_replies_thread_order.up,
    down: migration_20261206_030000_replies_thread_order.down,
    name: '20261206_030000_replies_thread_order',
  },
  {
    up: migration_20261206_060000_visible_stories_order.up,
    down: migration_20261206_060000_visible_stories_order.down,
    name: '20261206_060000_visible_stories_order',
  },
  {
    up: migration_20261206_080142_jobs_runner.up,
    down: migration_20261206_080142_jobs_runner.down,
    name: '20261206_080142_jobs_runner',
  },
  {
    up: migration_20261206_080316_storage_prefix.up,
    down: migration_20261206_080316_storage_prefix.down,
    name: '20261206_080316_storage_prefix',
  },
  {
    up: migration_20261206_090000_cache_invalidation.up,
    down: migration_20261206_090000_cache_invalidation.down,
    name: '20261206_090000_cache_invalidation',
  },
  {
    up: migration_20261206_112346_private_messages.up,
    down: migration_20261206_112346_private_messages.down,
    name: '20261206_112346_private_messages',
  },
  {
    up: migration_20261206_112918_post_edits.up,
    down: migration_20261206_112918_post_edits.down,
    name: '20261206_112918_post_edits',
  },
  {
    up: migration_20261206_113126_notifications.up,
    down: migration_20261206_113126_notifications.down,
    name: '20261206_113126_notifications',
  },
  {
    up: migration_20261207_100000_directory.up,
    down: migration_20261207_100000_directory.down,
    name: '20261207_100000_directory',
  },
  {
    up: migration_20261207_110000_volunteering.up,
    down: migration_20261207_110000_volunteering.down,
    name: '20261207_110000_volunteering',
  },
  {
    up: migration_20261207_110100_volunteer_badges.up,
    down: migration_20261207_110100_volunteer_badges.down,
    name: '20261207_110100_volunteer_badges',
  },
  {
    up: migration_20261207_120000_story_characteristics.up,
    down: migration_20261207_120000_story_characteristics.down,
    name: '20261207_120000_story_characteristics',
  },
  {
    up: migration_20261207_130000_crisis_doors.up,
    down: migration_20261207_130000_crisis_doors.down,
    name: '20261207_130000_crisis_doors',
  },
  {
    up: migration_20261208_100000_story_matching.up,
    down: migration_20261208_100000_story_matching.down,
    name: '20261208_100000_story_matching',
  },
  {
    up: migration_20261208_110000_feedback_rows.up,
    down: migration_20261208_110000_feedback_rows.down,
    name: '20261208_110000_feedback_rows',
  },
  {
    up: migration_20261208_120000_directory_checks.up,
    down: migration_20261208_120000_directory_checks.down,
    name: '20261208_120000_directory_checks',
  },
];

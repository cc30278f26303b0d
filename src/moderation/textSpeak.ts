// How people write, mapped to how the watched-words lexicon is written. Reviewed data: add a line
// when moderators see a spelling the matcher missed. Keys are already lower case with no apostrophes.

/** One written word → the words it stands for. Contractions are written out, so patterns say "do not". */
export const TEXT_SPEAK: Record<string, string> = {
  // contractions with their apostrophes lost (ambiguous ones such as "ill", "id", "well", "were" are left alone)
  dont: 'do not', dnt: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'can not', cannot: 'can not', cnt: 'can not', carnt: 'can not',
  wont: 'will not', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not', isnt: 'is not', wasnt: 'was not',
  arent: 'are not', werent: 'were not', havent: 'have not', hasnt: 'has not', hadnt: 'had not', aint: 'am not',
  im: 'i am', ive: 'i have', youre: 'you are', theyre: 'they are', theyve: 'they have', weve: 'we have',
  itll: 'it will', thatll: 'that will', whats: 'what is', thats: 'that is', theres: 'there is',
  ima: 'i am going to', imma: 'i am going to', iam: 'i am',
  // text-speak
  wanna: 'want to', wana: 'want to', wannna: 'want to', wants2: 'wants to', want2: 'want to',
  gonna: 'going to', gona: 'going to', gunna: 'going to', goin2: 'going to', finna: 'going to', gna: 'going to',
  gotta: 'got to', hafta: 'have to', havta: 'have to', needa: 'need to', tryna: 'trying to', outta: 'out of',
  u: 'you', ya: 'you', ur: 'your', yr: 'your', r: 'are', b: 'be', n: 'and', y: 'why', '2': 'to', '4': 'for',
  '2nite': 'tonight', '2night': 'tonight', tonite: 'tonight', '2day': 'today', '2moro': 'tomorrow', '2morrow': 'tomorrow',
  '2mrw': 'tomorrow', tmrw: 'tomorrow', tmr: 'tomorrow', tomoz: 'tomorrow', tomorow: 'tomorrow', 'b4': 'before', '4ever': 'forever',
  ppl: 'people', pls: 'please', plz: 'please', cos: 'because', coz: 'because', cuz: 'because', bc: 'because', bcos: 'because', bcoz: 'because',
  idk: 'i do not know', idc: 'i do not care', dc: 'do not care', idgaf: 'i do not give a fuck', dgaf: 'do not give a fuck',
  cba: 'can not be bothered', rn: 'right now', atm: 'at the moment', tbh: 'to be honest', ngl: 'not going to lie',
  no1: 'no one', noone: 'no one', some1: 'someone', every1: 'everyone', any1: 'anyone', nobody: 'no one',
  wakeup: 'wake up', tonights: 'tonight is', todays: 'today is', '2nites': 'tonight is', lifes: 'life is', noones: 'no one is', nobodys: 'no one is', da: 'the', onell: 'one will', nobodyll: 'no one will', itd: 'it would', nomore: 'no more', wen: 'when', wiv: 'with', wid: 'with', wif: 'with', thru: 'through',
  // slang for suicide and self-harm, written out
  dis: 'this', dat: 'that', mor: 'more', til: 'till', jus: 'just', tho: 'though', summin: 'something', selfharming: 'self harming', selfharmed: 'self harmed',
  kms: 'kill myself', kmsf: 'kill myself', kys: 'kill yourself', ctb: 'catch the bus', sh: 'self harm', selfharm: 'self harm',
  unalive: 'kill', unaliving: 'killing', unalived: 'killed', sewerslide: 'suicide', sewercidal: 'suicidal', sewerslidal: 'suicidal', suicidalll: 'suicidal', od: 'overdose', oding: 'overdosing',
  // northern and Lancashire speech
  cannae: 'can not', canna: 'can not', dinnae: 'do not', wanae: 'want to', gonnae: 'going to', mi: 'my', meself: 'myself', mesen: 'myself', missen: 'myself', nowt: 'nothing', owt: 'anything', summat: 'something', wi: 'with',
}

/** Common misspellings → the spelling the lexicon uses. One word each way. */
export const SPELLING_FIXES: Record<string, string> = {
  sucide: 'suicide', suiside: 'suicide', suicde: 'suicide', sucicide: 'suicide', suicied: 'suicide', suecide: 'suicide', suacide: 'suicide',
  suicidle: 'suicidal', sucidal: 'suicidal', sucidle: 'suicidal', suisidal: 'suicidal', suicidel: 'suicidal', suicidial: 'suicidal',
  suacidal: 'suicidal', suecidal: 'suicidal', sucicidal: 'suicidal', suicdal: 'suicidal', suicial: 'suicidal', siucidal: 'suicidal', suisidle: 'suicidal',
  overdoes: 'overdose', overdoze: 'overdose', overdos: 'overdose', ovadose: 'overdose', overdoseing: 'overdosing', overdozing: 'overdosing',
  tablits: 'tablets', tablest: 'tablets', tabblets: 'tablets', tablats: 'tablets', tabets: 'tablets', pils: 'pills', pillz: 'pills',
  paracetemol: 'paracetamol', paracetomol: 'paracetamol', paracetmol: 'paracetamol', parecetamol: 'paracetamol', paracetamols: 'paracetamol',
  cuting: 'cutting', cuttin: 'cutting', cutin: 'cutting', burnin: 'burning', hurtin: 'hurting', hurtting: 'hurting',
  dyin: 'dying', dieing: 'dying', ded: 'dead', deid: 'dead', kil: 'kill', kiling: 'killing', killin: 'killing',
  myslef: 'myself', myslf: 'myself', meslf: 'myself', mysel: 'myself', mysself: 'myself', commiting: 'committing', comit: 'commit', comitting: 'committing', suicidall: 'suicidal', mysefl: 'myself', mysef: 'myself', myelf: 'myself', myseld: 'myself', msyelf: 'myself',
  goin: 'going', doin: 'doing', tryin: 'trying', takin: 'taking', thinkin: 'thinking', feelin: 'feeling', usin: 'using',
  drinkin: 'drinking', plannin: 'planning', savin: 'saving', jumpin: 'jumping', hangin: 'hanging', endin: 'ending', livin: 'living',
  nothin: 'nothing', somethin: 'something', anythin: 'anything', wantin: 'wanting', cryin: 'crying', sufferin: 'suffering',
  anymor: 'anymore', nemore: 'anymore', enymore: 'anymore', goodbuy: 'goodbye', gudbye: 'goodbye',
  wnat: 'want', wnt: 'want', waant: 'want', leters: 'letters', letterz: 'letters', wakeing: 'waking',
  hopeles: 'hopeless', pointles: 'pointless', wothless: 'worthless', worthles: 'worthless', burdon: 'burden',
}

/** Two written words that mean one word of the lexicon. */
export const WORD_JOINS: Record<string, string> = {
  'my self': 'myself', 'me self': 'myself', 'any more': 'anymore', 'good bye': 'goodbye',
  'good byes': 'goodbyes', 'over dose': 'overdose', 'over dosing': 'overdosing',
}

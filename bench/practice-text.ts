/**
 * Deterministic clinical-ish text with a realistic word-frequency curve: a few hundred common
 * words plus thousands of rarer made-up ones, drawn with Zipf's law (frequency ~ 1 / rank).
 */
import { prng } from './seed-data.ts';

const COMMON = `the and to of a i in was she he it that with her his my about said felt we at for on not but they
me had have this so when would be after week been talked again could sister mother partner work home again very
more time family friend feel feeling sad angry low mood sleep night weekend call phone argument argued kitchen
money children child school job boss colleague grief loss death funeral move moved house new old role change
session plan next task tried try rota evening morning talk talked spoke listen listened quiet silence walked left
cried tears tired worried anxious better worse hopeful hopeless alone lonely visit visited dinner washing cooking
shopping garden walk dog church doctor medication hospital birthday christmas holiday letter message text email
worried guilt guilty relief relieved ashamed proud confident nervous calm tense upset hurt disappointed understood`.split(/\s+/);

function pseudoWords(count: number, random: () => number): string[] {
  const onsets = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'w', 'z'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'oo'];
  const codas = ['', 'n', 'r', 'l', 'st', 'nd', 'ck', 'm', 'x', 'th'];
  const words = new Set<string>();
  while (words.size < count) {
    const syllables = 2 + Math.floor(random() * 2);
    let w = '';
    for (let i = 0; i < syllables; i++) w += onsets[Math.floor(random() * onsets.length)]! + vowels[Math.floor(random() * vowels.length)]! + (i === syllables - 1 ? codas[Math.floor(random() * codas.length)]! : '');
    words.add(w);
  }
  return [...words];
}

export interface Vocabulary {
  words: string[];
  /** Cumulative Zipf weights for sampling. */
  cumulative: Float64Array;
}

export function vocabulary(seed = 7, rare = 20_000): Vocabulary {
  const random = prng(seed);
  const words = [...COMMON, ...pseudoWords(rare, random)];
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let i = 0; i < words.length; i++) {
    total += 1 / (i + 1);
    cumulative[i] = total;
  }
  for (let i = 0; i < words.length; i++) cumulative[i]! /= total;
  return { words, cumulative };
}

export function sampleWord(v: Vocabulary, random: () => number): string {
  const x = random();
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo]!;
}

export function paragraph(v: Vocabulary, random: () => number, minWords: number, maxWords: number): string {
  const n = minWords + Math.floor(random() * (maxWords - minWords + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sampleWord(v, random));
  return out.join(' ');
}

/** A fixed mix of queries: rare, medium and common terms, prefixes and two-word phrases. */
export function queryMix(v: Vocabulary, count = 200, seed = 99): string[] {
  const random = prng(seed);
  const queries: string[] = [];
  const pickRank = (from: number, to: number) => v.words[from + Math.floor(random() * (to - from))]!;
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        queries.push(pickRank(5000, v.words.length)); // rare
        break;
      case 1:
        queries.push(pickRank(300, 3000)); // medium
        break;
      case 2:
        queries.push(pickRank(0, 150)); // common
        break;
      case 3:
        queries.push(pickRank(200, 5000).slice(0, 3)); // prefix
        break;
      default:
        queries.push(`"${pickRank(0, 400)} ${pickRank(0, 400)}"`); // two-word phrase
    }
  }
  return queries;
}

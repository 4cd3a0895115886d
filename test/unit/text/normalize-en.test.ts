import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../../src/text/index.js'

const en = (text: string): string => normalizeText(text).text

describe('English normalization', () => {
  it.each([
    [
      'cardinals',
      'There were 12345 people and 1000000 ants.',
      'There were twelve thousand three hundred forty-five people and one million ants.',
    ],
    [
      'decimals',
      'Pi is about 3.14 and e is 2.718.',
      'Pi is about three point one four and e is two point seven one eight.',
    ],
    [
      'fractions',
      'Add 1/2 cup and 3/4 of the flour, then 5/8 inch.',
      'Add one half cup and three quarters of the flour, then five eighths inch.',
    ],
    [
      'percentages',
      'It rose 50% and then 3.5 % more.',
      'It rose fifty percent and then three point five percent more.',
    ],
    ['negatives', 'It was -5 outside.', 'It was minus five outside.'],
    [
      'ranges',
      'Kids aged 3–5 years, 10-20% off.',
      'Kids aged three to five years, ten to twenty percent off.',
    ],
    [
      'dates',
      'On Nov 30, 2026 and 2026-11-30 and 30 November 2026.',
      'On November thirtieth, twenty twenty-six and November thirtieth, twenty twenty-six and the thirtieth of November, twenty twenty-six.',
    ],
    [
      'times',
      'Meet at 14:05 or 3:30 pm, not 9:00.',
      "Meet at fourteen oh five or three thirty p m, not nine o'clock.",
    ],
    [
      'money',
      'It costs $12.50, $1, €5.99, $3.2M and $5k.',
      'It costs twelve dollars and fifty cents, one dollar, five euros and ninety-nine cents, three point two million dollars and five thousand dollars.',
    ],
    [
      'phone numbers digit by digit',
      'Call (555) 123-4567 or +86 138-1234-5678.',
      'Call five five five, one two three, four five six seven or plus eight six, one three eight, one two three four, five six seven eight.',
    ],
    [
      'units',
      'It weighs 5kg, runs 30km/h at 25°C, and 1 kg more.',
      'It weighs five kilograms, runs thirty kilometers per hour at twenty-five degrees Celsius, and one kilogram more.',
    ],
    [
      'ordinals',
      'The 1st, 2nd, 3rd, 11th and 22nd.',
      'The first, second, third, eleventh and twenty-second.',
    ],
    [
      'years',
      'In 1999 there were 1999 people; since 2005, in 2026.',
      'In nineteen ninety-nine there were one thousand nine hundred ninety-nine people; since two thousand five, in twenty twenty-six.',
    ],
    ['decades', 'The 1990s and the 80s.', 'The nineteen nineties and the eighties.'],
    [
      'roman numerals where unambiguous',
      'Henry VIII, World War II, Chapter IV. I am here. Part I.',
      'Henry the eighth, World War two, Chapter four. I am here. Part one.',
    ],
    [
      'URLs and e-mail',
      'See https://example.com/docs or mail a.b@example.org.',
      'See example dot com slash docs or mail a dot b at example dot org.',
    ],
    [
      'abbreviations',
      'Dr. Smith met Mr. Lee on Main St. near St. Louis, e.g. at 5 p.m. Apples, pears, etc.',
      'Doctor Smith met Mister Lee on Main Street near Saint Louis, for example at five p m. Apples, pears, et cetera.',
    ],
    [
      'acronyms spelled unless they are words',
      'The GPU and CPU at NASA, HTML and NATO.',
      'The G P U and C P U at NASA, H T M L and NATO.',
    ],
    ["'s kept", "John's GPU's fan and two GPUs.", "John's G P U's fan and two G P U's."],
    [
      'letters with digits',
      'MP3 files, COVID-19, A4 paper, 4K video.',
      'M P three files, COVID nineteen, A four paper, four K video.',
    ],
    ['symbols', '5 + 3 = 8, R&D and Q&A.', 'five plus three equals eight, R and D and Q and A.'],
    [
      'thousands separators',
      '1,234,567 stars',
      'one million two hundred thirty-four thousand five hundred sixty-seven stars',
    ],
  ])('%s', (_name, input, expected) => {
    expect(en(input)).toBe(expected)
  })

  it('keeps lowercase words ending a sentence', () => {
    expect(en('I saw it. Then I left.')).toBe('I saw it. Then I left.')
  })

  it('reads numbers in Chinese inside a mixed sentence next to Chinese', () => {
    expect(en('我买了3个GPU, it cost $200.')).toBe('我买了三个G P U, it cost two hundred dollars.')
  })
})

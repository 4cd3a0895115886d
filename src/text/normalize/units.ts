/** Units read after a number, in both languages (SI and everyday units). */
import { escapeRegExp } from '../script.js'

export interface UnitWords {
  /** Mandarin reading. */
  readonly zh: string
  /** English singular and plural. */
  readonly en: readonly [string, string]
}

const U = (zh: string, singular: string, plural = `${singular}s`): UnitWords => ({
  zh,
  en: [singular, plural],
})

/** Symbol → words. Matched longest first, case-sensitive (m ≠ M). */
export const UNITS: Readonly<Record<string, UnitWords>> = {
  'km/h': U('公里每小时', 'kilometer per hour', 'kilometers per hour'),
  kmh: U('公里每小时', 'kilometer per hour', 'kilometers per hour'),
  'km/s': U('公里每秒', 'kilometer per second', 'kilometers per second'),
  'm/s': U('米每秒', 'meter per second', 'meters per second'),
  mph: U('英里每小时', 'mile per hour', 'miles per hour'),
  '°C': U('摄氏度', 'degree Celsius', 'degrees Celsius'),
  '℃': U('摄氏度', 'degree Celsius', 'degrees Celsius'),
  '°F': U('华氏度', 'degree Fahrenheit', 'degrees Fahrenheit'),
  '℉': U('华氏度', 'degree Fahrenheit', 'degrees Fahrenheit'),
  '°': U('度', 'degree'),
  'km²': U('平方公里', 'square kilometer'),
  'm²': U('平方米', 'square meter'),
  'cm²': U('平方厘米', 'square centimeter'),
  'm³': U('立方米', 'cubic meter'),
  km: U('公里', 'kilometer'),
  cm: U('厘米', 'centimeter'),
  mm: U('毫米', 'millimeter'),
  nm: U('纳米', 'nanometer'),
  μm: U('微米', 'micrometer'),
  m: U('米', 'meter'),
  kg: U('公斤', 'kilogram'),
  mg: U('毫克', 'milligram'),
  g: U('克', 'gram'),
  t: U('吨', 'ton'),
  lb: U('磅', 'pound'),
  lbs: U('磅', 'pound'),
  oz: U('盎司', 'ounce'),
  ml: U('毫升', 'milliliter'),
  mL: U('毫升', 'milliliter'),
  L: U('升', 'liter'),
  l: U('升', 'liter'),
  kWh: U('千瓦时', 'kilowatt hour', 'kilowatt hours'),
  kW: U('千瓦', 'kilowatt'),
  MW: U('兆瓦', 'megawatt'),
  W: U('瓦', 'watt'),
  kV: U('千伏', 'kilovolt'),
  V: U('伏', 'volt'),
  mA: U('毫安', 'milliampere'),
  mAh: U('毫安时', 'milliampere hour', 'milliampere hours'),
  A: U('安', 'ampere'),
  Hz: U('赫兹', 'hertz', 'hertz'),
  kHz: U('千赫', 'kilohertz', 'kilohertz'),
  MHz: U('兆赫', 'megahertz', 'megahertz'),
  GHz: U('吉赫', 'gigahertz', 'gigahertz'),
  KB: U('千字节', 'kilobyte'),
  MB: U('兆字节', 'megabyte'),
  GB: U('吉字节', 'gigabyte'),
  TB: U('太字节', 'terabyte'),
  ms: U('毫秒', 'millisecond'),
  min: U('分钟', 'minute'),
  h: U('小时', 'hour'),
  s: U('秒', 'second'),
  dB: U('分贝', 'decibel'),
  ft: U('英尺', 'foot', 'feet'),
  in: U('英寸', 'inch', 'inches'),
  mi: U('英里', 'mile'),
  yd: U('码', 'yard'),
}

const SYMBOLS = Object.keys(UNITS).sort((a, b) => b.length - a.length)
/** Alternation for regexes, longest symbol first. */
export const UNIT_PATTERN = `(?:${SYMBOLS.map(escapeRegExp).join('|')})`

/**
 * Units that are also English words or too short to trust after a space ("5 in the box",
 * "3 s"): they count as units only when written right after the number.
 */
export const TIGHT_ONLY = new Set(['in', 'mi', 's', 'h', 'm', 't', 'l', 'g', 'A', 'V', 'W', 'L', 'min'])

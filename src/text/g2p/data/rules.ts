/**
 * Context rules for polyphonic characters: grammar (了 得 地 为 还 只 ...), measure-word and
 * numeral contexts (只 卷 弄), sentence-final particles (吧 吗 啦 哩 哟), and the nouns
 * that usually sit next to a given reading (藏族, 燕王, 柏树 ...). A rule sees the line and
 * pinyin-pro's opinion; returning undefined leaves the character to the next layer.
 * Readings follow 现代汉语词典 (7th ed.) usage.
 */

import { isHan } from '../../script.js'
import {
  after,
  at,
  atClauseEnd,
  atClauseStart,
  NUMERAL_CHARS,
  type Rule,
  type RuleContext,
} from '../context.js'

const has = (set: string, ch: string): boolean => ch !== '' && set.includes(ch)

const COUNTING = `${NUMERAL_CHARS}这那哪某第每单`
const isCounting = (text: string): boolean => text !== '' && [...text].every((ch) => COUNTING.includes(ch))

/** A number or demonstrative comes right before: 一只, 这只, 两卷, 第三卷 (not 万岁只差, 生命数只有). */
function afterNumeral(c: RuleContext): boolean {
  if (!has(COUNTING, at(c, -1))) return false
  if (c.wordOffset > 0) return isCounting([...c.word].slice(0, c.wordOffset).join(''))
  return isCounting(c.prevWord)
}

const ADVERBIAL_DE_BEFORE = '性然般样地乎'
/** Last characters of adverbs and adjectives that take adverbial 地 (不断地, 积极地, 认真地). */
const ADVERB_ENDINGS = '能力断续步常真单速极效意细功确接显理烈默悄轻缓紧密详仔逐渐勉亲积认努静'
/** Characters after 地 that make it the noun dì (地区, 地方, 地下 …). */
const NOUN_AFTER_DI = '区方下上点位面图址形势质理震球带域段产主铁道毯板标价盘名契租税貌处里中内外的'

export const RULES: Readonly<Record<string, Rule>> = {
  了: (c) => {
    if (at(c, -1) === '不' && at(c, 1) !== '解') return 'liao3' // 受不了, 少不了
    if (has('解然如若结断却无', at(c, 1)) && !c.inWord) return 'liao3' // 了解, 了然, 了如指掌, 了结
    return undefined
  },
  地: (c) => {
    if (c.inWord) return undefined
    const prev = at(c, -1)
    // 预见性地警告, 突然地, 一般地, 慢慢地, 尽可能地: adverbial 地 before a verb.
    if (has(ADVERBIAL_DE_BEFORE, prev) || (prev !== '' && prev === at(c, -2))) return 'de5'
    if (has(ADVERB_ENDINGS, prev) && isHan(at(c, 1)) && !has(NOUN_AFTER_DI, at(c, 1))) return 'de5'
    return undefined
  },
  得: (c) => {
    if (c.inWord) return undefined
    const prev = at(c, -1)
    // Complement 得 after a verb or adjective: 跑得很快, 写得非常好, 好得很.
    if (!isHan(prev) || has('不必只须还就才都也没可难何他她我你它谁', prev)) return undefined
    return has('很非十更太好不多少快慢清真极最越过起住', at(c, 1)) ? 'de5' : undefined
  },
  为: (c) => {
    if (c.inWord) return undefined
    const next = at(c, 1)
    if (has('了何啥什此', next)) return 'wei4' // 为了, 为何, 为什么, 为此
    // Benefactive 为 (for someone): 为人民服务, 为球队效力, 为电影配音.
    if (
      /^[^，。；！？,;]{0,8}(服务|效力|效劳|报仇|祈祷|辩护|庆祝|着想|而战|提供|作出|做出|带来|创造|奠定|开辟|配音|演唱|创作|设计|打造|举办|争取|谋求|赢得|献出|付出|牺牲)/u.test(
        after(c, 12),
      )
    )
      return 'wei4'
    return 'wei2' // copula and verb: 均为, 改为, 视为, 自西向东为…
  },
  还: (c) => {
    if (c.inWord) return undefined
    if (has('给钱债款清贷账乡俗击手价原', at(c, 1))) return 'huan2'
    if (has('归偿退送交奉返生赎索讨追', at(c, -1))) return 'huan2'
    return 'hai2'
  },
  只: (c) => {
    if (has('有是要能会好得在需剩见不', at(c, 1)) && !c.inWord) return 'zhi3' // 只有, 只是
    if (afterNumeral(c)) return 'zhi1' // 一只, 两只, 这只
    return c.inWord ? undefined : 'zhi3'
  },
  似: (c) => {
    if (has('类相近好酷貌恰疑神形', at(c, -1))) return 'si4'
    if (at(c, 1) === '的') return 'shi4' // 飞似的
    return 'si4'
  },
  应: (c) => {
    if (c.inWord) return undefined
    if (has('对响回反相感适供效呼照报答顺', at(c, -1))) return 'ying4'
    return 'ying1' // modal: 应追溯, 应令, 理应
  },
  晕: (c) => {
    if (c.inWord) return undefined
    if (has('光月日冰红彩星', at(c, -1)) || has('车船机血针染轮圈', at(c, 1))) return 'yun4'
    if (has('倒厥过死眩', at(c, 1)) || has('头发昏眩', at(c, -1))) return 'yun1'
    return at(c, -1) === '的' || at(c, -1) === '质' ? 'yun4' : undefined
  },
  钉: (c) => {
    if (c.inWord) return undefined
    if (has('被把将', at(c, -1)) || has('在入住上死牢进满', at(c, 1))) return 'ding4'
    return undefined
  },
  吧: (c) => {
    if (has('酒网贴水氧话书茶陶迪性', at(c, -1)) || has('台女主友员', at(c, 1))) return 'ba1'
    return atClauseEnd(c) ? 'ba5' : undefined
  },
  吗: (c) => {
    if (at(c, 1) === '啡') return 'ma3'
    return atClauseEnd(c) ? 'ma5' : undefined
  },
  啊: (c) => (atClauseStart(c) ? 'a4' : undefined), // the interjection opening a clause
  啦: (c) => (atClauseEnd(c) ? 'la5' : c.inWord ? undefined : 'la1'),
  哩: (c) => (atClauseEnd(c) ? 'li5' : c.inWord ? undefined : 'li3'),
  哟: (c) => (atClauseEnd(c) ? 'yo5' : undefined),
  哦: (c) => (atClauseEnd(c) && isHan(at(c, -1)) ? 'o5' : undefined),
  哈: (c) => (c.inWord || at(c, 1) === '哈' || at(c, -1) === '哈' ? undefined : 'ha1'),
  呗: (c) => (atClauseEnd(c) ? 'bei5' : undefined),
  咧: (c) => (atClauseEnd(c) && isHan(at(c, -1)) ? 'lie5' : undefined),
  哇: (c) => (atClauseEnd(c) && isHan(at(c, -1)) && at(c, -1) !== '哇' ? 'wa5' : undefined),
  咯: (c) => {
    if (has('吡卟', at(c, -1))) return 'luo4' // 吡咯 pyrrole
    if (at(c, 1) === '血') return 'ka3'
    return atClauseEnd(c) && isHan(at(c, -1)) ? 'lo5' : undefined
  },
  什: (c) => (has('么麽', at(c, 1)) ? 'shen2' : 'shi2'),
  甚: (c) => (has('么麽', at(c, 1)) ? 'shen2' : undefined),
  铺: (c) => {
    if (c.inWord) return undefined
    if (has('乡镇村站街区子', at(c, 1)) || has('药饭当店床肉货客通卧商', at(c, -1))) return 'pu4'
    return undefined
  },
  弹: (c) => {
    if (c.inWord) return undefined
    if (has('子炸导炮核飞中油烧雾泪明号甲霰榴枪流', at(c, -1))) return 'dan4'
    if (has('药头道丸弓壳坑片幕孔匣夹', at(c, 1))) return 'dan4'
    return undefined
  },
  燕: (c) => {
    if (c.inWord) return undefined
    if (has('王国京山赵云军都地昭惠易蓟然', at(c, 1))) return 'yan1'
    if (has('前后南北西', at(c, -1)) && !has('子窝尾麦雀鸥', at(c, 1))) return 'yan1'
    return undefined
  },
  藏: (c) => {
    if (c.inWord) return undefined
    if (has('族语文军区人传医药历戏獒羚南北东王经青红巴', at(c, 1))) return 'zang4'
    if (has('西驻入进援川青滇新卫康宝道佛经三', at(c, -1))) return 'zang4'
    return undefined
  },
  柏: (c) => {
    if (c.inWord) return undefined
    if (has('树木油科子香', at(c, 1)) || has('松侧圆翠古扁刺', at(c, -1))) return 'bai3'
    if (has('林拉克特威培尔格罗瑞德妮莎雅舍夏斯伦纳', at(c, 1))) return 'bo2'
    return undefined
  },
  率: (c) => {
    if (c.inWord) return undefined
    if (has('领军兵众部队先师舰骑船机', at(c, 1))) return 'shuai4'
    if (/^.{1,3}[军兵部众师]/u.test(after(c, 4)) && !atClauseEnd(c)) return 'shuai4' // 率新四军, 率残部
    return undefined
  },
  奔: (c) => {
    if (c.inWord) return undefined
    if (has('跑驰波走腾流放赴逃命忙突袭涌泻', at(c, 1)) || has('出私狂飞疾', at(c, -1))) return 'ben1'
    return 'ben4' // 奔济南, 奔城, 投奔
  },
  炸: (c) => {
    if (at(c, -1) === '被') return 'zha4'
    if (c.inWord) return undefined
    if (has('鸡酱糕薯丸鱼虾肉春物排', at(c, 1)) || has('油煎', at(c, -1))) return 'zha2'
    return 'zha4'
  },
  蔚: (c) => (has('县州', at(c, 1)) ? 'yu4' : undefined),
  挨: (c) => {
    if (c.inWord) return undefined
    return has('打骂饿冻揍批整训了过罚刀枪炸宰骗', at(c, 1)) ? 'ai2' : 'ai1'
  },
  倒: (c) => {
    if (c.inWord) return undefined
    return has('卵披心转退数立影挂置映叙计序贴车茶酒水', at(c, 1)) ? 'dao4' : undefined
  },
  卷: (c) => {
    if (afterNumeral(c) || has('上中下全首末每本该试书画案考答》', at(c, -1))) return 'juan4'
    if (has(NUMERAL_CHARS, at(c, 1)) && at(c, 1) !== '') return 'juan4' // 卷四, 卷五二
    return c.inWord ? undefined : 'juan3'
  },
  弄: (c) => {
    // Shanghai lanes: 596弄, 里弄, 弄堂, 百福弄社区, 弄口.
    if (/\d/u.test(at(c, -1)) || has('里支总', at(c, -1)) || has('堂口内', at(c, 1))) return 'long4'
    if (/^社区|^小区/u.test(after(c, 2))) return 'long4'
    return undefined
  },
  汗: (c) => (at(c, -1) === '可' || has('国位庭帐', at(c, 1)) ? 'han2' : undefined),
  累: (c) => {
    if (has('计积加进犯次', at(c, 1))) return 'lei3'
    if (at(c, -1) === '德' && at(c, 1) === '斯') return 'lei2'
    return undefined
  },
  几: (c) => (at(c, 1) === '乎' ? 'ji1' : undefined),
  塞: (c) => {
    if (c.inWord) return undefined
    if (has('堵阻闭梗搪', at(c, -1))) return 'se4'
    if (has('进入满住给到在了', at(c, 1))) return 'sai1'
    return undefined
  },
  传: (c) => {
    if (c.inWord) return undefined
    if (at(c, 1) === '》' || has('记略', at(c, 1))) return 'zhuan4' // 《水浒传》, 传记
    if (has('自列外本别正小评', at(c, -1)) && atClauseEnd(c)) return 'zhuan4'
    return undefined
  },
  种: (c) => {
    if (at(c, 1) === '植') return 'zhong4'
    if (c.inWord) return undefined
    // 一种花 (a kind of) vs 种花 (to plant).
    if (afterNumeral(c) || has('各这那哪某此该多品物人兵军工语变特同异杂纯良新本何每', at(c, -1)))
      return 'zhong3'
    if (has('地田树花菜瓜豆稻麦粮草', at(c, 1)) || has('耕播栽接抢', at(c, -1))) return 'zhong4'
    return undefined
  },
  重: (c) => {
    if (c.inWord) return undefined
    // Layers and repetition: 双重, 多重, 重重, 重新 …; otherwise heavy / important.
    if (at(c, 1) === '重' || at(c, -1) === '重') return 'chong2'
    if (has('双多两三四五六七九几层', at(c, -1))) return 'chong2'
    if (
      has(
        '新复建组申现叠逢阳庆修印播返回启演生温整聚写审编选置设来做看游述提拾获归掌构围洋孙霄婚名合影译铸开',
        at(c, 1),
      )
    )
      return 'chong2'
    return 'zhong4'
  },
  行: (c) => {
    if (c.inWord) return undefined
    // Lines of text: 两行字, 第三行.
    if ((afterNumeral(c) || at(c, -1) === '第') && has('字诗句文代码数据泪', at(c, 1))) return 'hang2'
    return undefined
  },
  乐: (c) => {
    if (c.inWord) return undefined
    if (has('队团器曲章手坛府谱理师迷评律池舞', at(c, 1))) return 'yue4'
    if (has('音声器民古雅礼鼓配奏伴弦响士滚', at(c, -1))) return 'yue4'
    return undefined
  },
  教: (c) => (c.inWord ? undefined : has('书课他她我你们给', at(c, 1)) ? 'jiao1' : undefined),
  蒙: (c) => {
    if (c.inWord) return undefined
    if (has('古族文语医汉元军', at(c, 1)) || has('内外漠满', at(c, -1))) return 'meng3'
    return undefined
  },
  莎: (c) => (at(c, 1) === '草' ? 'suo1' : undefined),
  葛: (c) => {
    // The plant (葛根, 野葛, 蓬莱葛属) is gé; the surname (诸葛, 葛洪) gě.
    if (has('属科根藤麻布粉花仙', at(c, 1)) || has('野粉瓜山', at(c, -1))) return 'ge2'
    return undefined
  },
  调: (c) => {
    if (c.inWord) return undefined
    // Postings and transfers (调任, 被调往): diào; adjusting (调整, 调节) comes from the dictionary.
    if (has('任往至入离回到职派遣防兵集拨运', at(c, 1))) return 'diao4'
    if (has('被借外抽选征', at(c, -1)) && !has('整节和解控味剂', at(c, 1))) return 'diao4'
    return undefined
  },
  载: (c) => {
    if (c.inWord) return undefined
    if (at(c, 1) === '于') return 'zai3' // 载于《史记》: recorded in
    if (has('有着客货人重运满', at(c, 1))) return 'zai4' // 载有, 载着: carrying
    return undefined
  },
  椎: (c) => (at(c, 1) === '心' ? 'chui2' : 'zhui1'),
  长: (c) => {
    if (c.inWord) return undefined
    // 副旅长, 秘书长: an office title after an organisation word.
    if (
      has(
        '部局处科厅院所站社会团旅师军营连排班舰船组队村乡镇县市省州区馆校署司厂庭判警艇议酋园士族',
        at(c, -1),
      )
    )
      return has('度期久远达约江城途篇寿短', at(c, 1)) ? undefined : 'zhang3'
    return undefined
  },
  朴: (c) => {
    if (c.inWord) return undefined
    // The Korean surname opens a name: 朴正熙, 朴智星. Elsewhere 朴 is pǔ (朴拙, 实朴).
    const opensName = !isHan(at(c, -1)) || has('年月日，、和与及由被是', at(c, -1))
    return opensName && isHan(at(c, 1)) && isHan(at(c, 2)) ? 'piao2' : 'pu3'
  },
  仇: (c) => (c.inWord ? undefined : 'chou2'),
  量: (c) => {
    if (c.inWord) return undefined
    if (has('测丈估衡思打称', at(c, -1)) || has('体身', at(c, 1))) return 'liang2'
    return undefined
  },
  更: (c) => {
    if (c.inWord) return undefined
    if (has('新改换替迭正名衣始鼓夫', at(c, 1))) return 'geng1'
    if (has('三五打变', at(c, -1))) return 'geng1'
    return undefined
  },
}

export function ruleFor(char: string): Rule | undefined {
  return RULES[char]
}

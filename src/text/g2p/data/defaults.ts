/**
 * Readings for polyphonic characters that stand alone (no dictionary word and no rule
 * claimed them), where pinyin-pro's single-character default is the rarer reading in
 * running text. The usual reason: the common use is a proper noun, a transliteration,
 * a chemical element or a bound form, while pinyin-pro picked the colloquial or archaic
 * reading. Each line: character, reading, and the use that justifies it. For bound
 * characters the choice agrees with the frequency-weighted readings of the words that
 * contain them in @pinyin-pro/data's large dictionary.
 */
const TABLE = `
蛤 ge2 蛤蜊/文蛤 and the bivalve families (蛤蟆 ha2 is a phrase)
媛 yuan2 given names (名媛 yuan4 is a phrase)
覃 tan2 surname 覃
攒 cuan2 攒尖 roofs, 攒聚 (攒钱 zan3 is a phrase)
肖 xiao1 surname and transliterations (肖像 xiao4 is a phrase)
圩 wei2 圩田/圩区/圩堤 polder
艮 gen4 勃艮第, 艮卦
帖 tie3 帖子/请帖, transliterations
垛 duo3 城垛/门垛 and place names (草垛 duo4 is a phrase)
陂 bei1 黄陂, 陂塘
钌 liao3 ruthenium
裨 pi2 裨将/偏裨 (裨益 bi4 is a phrase)
莘 xin1 莘庄 (莘莘 shen1 is a phrase)
閤 ge2 traditional form of 阁
蠡 li3 范蠡, 蠡县, 蠡湖
扇 shan4 the noun: 扇子, 门扇, 扇形
姥 mu3 斗姥, 天姥 (姥姥 lao3 is a phrase)
喇 la3 喇嘛, 喇叭, transliterations
咳 ke2 咳嗽 (hai1 is an interjection)
颉 xie2 颉利, 颉颃 (仓颉 jie2 is a phrase)
阙 que4 宫阙, 城阙, 阙门
毂 gu3 wheel hub
缪 miu4 transliterations 塞缪尔, 加缪
牟 mou2 surname, 牟利
铛 dang1 铃铛, 铛铛
锔 ju2 curium
镝 di1 dysprosium
钫 fang1 francium
徼 jiao4 边徼 frontier
剡 shan4 剡溪, 嵊州's old name
耙 pa2 耙子, 钉耙
耶 ye1 耶稣 and transliterations
圜 yuan2 圜丘, 圜底
呵 he1 呵斥, 呵护, 呵叻
椎 zhui1 脊椎, 椎体
莞 guan3 东莞, 莞城
腊 la4 腊月, 希腊
夹 jia1 夹在, 夹击 (夹克 jia2 is a phrase)
奄 yan3 奄奄一息
槛 jian4 槛车, 栏槛 (门槛 kan3 is a phrase)
挣 zheng1 挣脱, 挣扎 (挣钱 zheng4 is a phrase)
揣 chuai3 揣测, 揣摩
铺 pu1 the verb 铺设 (店铺 pu4 is a phrase)
更 geng4 the adverb 更 (更新 geng1 comes from the dictionary)
量 liang4 the noun: 数量, 向量, 计算量
削 xue1 削减, 削籍 (削皮 xiao1 is a phrase)
剥 bo1 剥夺, 剥离 (剥皮 bao1 is a phrase)
逮 dai4 逮捕
豁 huo4 豁免, 豁达
塞 sai4 边塞 and transliterations (塞进 sai1 is a phrase)
供 gong1 可供, 以供, 供…使用 (供奉 gong4 comes from the dictionary)
阆 lang4 阆中, 阆州
樘 tang2 门樘, 窗樘 (the standard reading)
峒 tong2 崆峒 and names
窨 yin4 地窨子
缊 yun4 names (缊纥提)
芾 fu2 米芾
蕃 bo1 吐蕃 and the 蕃 peoples
蹶 jue2 一蹶不振
阏 yan1 阏氏
嬛 huan2 甄嬛
`

let table: Map<string, string> | undefined

/** The whole table (also read by tools/build-zh-phrases.ts). */
export function defaultReadings(): ReadonlyMap<string, string> {
  if (!table) {
    table = new Map()
    for (const line of TABLE.split('\n')) {
      const [ch, reading] = line.split(' ')
      if (ch && reading) table.set(ch, reading)
    }
  }
  return table
}

export function defaultReading(char: string): string | undefined {
  return defaultReadings().get(char)
}

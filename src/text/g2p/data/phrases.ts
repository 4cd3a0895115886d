/**
 * mynah's own phrase dictionary: words whose polyphonic characters pinyin-pro (even with the
 * extra dictionary) reads wrongly or only by luck. Written from standard usage
 * (现代汉语词典 / 通用规范汉字表 readings), grouped by the character they settle. A phrase
 * wins over pinyin-pro for every character it covers (longest match first).
 * Format: one word per line, then one toned syllable per character.
 */
export const PHRASES = `
朝鲜 chao2 xian3
鲜为人知 xian3 wei2 ren2 zhi1
鲜有 xian3 you3
鲜少 xian3 shao3
鲜见 xian3 jian4
屡见不鲜 lv3 jian4 bu4 xian1
心脏 xin1 zang4
肝脏 gan1 zang4
肾脏 shen4 zang4
脾脏 pi2 zang4
肺脏 fei4 zang4
胰脏 yi2 zang4
内脏 nei4 zang4
脏器 zang4 qi4
脏腑 zang4 fu3
五脏 wu3 zang4
心脏病 xin1 zang4 bing4
希腊 xi1 la4
腊月 la4 yue4
腊肉 la4 rou4
腊八 la4 ba1
蛤蟆 ha2 ma5
蛤蚧 ge2 jie4
蛤蜊 ge2 li2
名媛 ming2 yuan4
覃思 tan2 si1
攒钱 zan3 qian2
积攒 ji1 zan3
攒下 zan3 xia4
攒够 zan3 gou4
肖像 xiao4 xiang4
生肖 sheng1 xiao4
不肖 bu2 xiao4
惟妙惟肖 wei2 miao4 wei2 xiao4
维妙维肖 wei2 miao4 wei2 xiao4
酷肖 ku4 xiao4
圩场 xu1 chang3
帖子 tie3 zi5
请帖 qing3 tie3
字帖 zi4 tie4
碑帖 bei1 tie4
服帖 fu2 tie1
妥帖 tuo3 tie1
俯首帖耳 fu3 shou3 tie1 er3
草垛 cao3 duo4
麦垛 mai4 duo4
柴垛 chai2 duo4
裨益 bi4 yi4
无裨 wu2 bi4
有裨 you3 bi4
莘莘 shen1 shen1
莘县 shen1 xian4
管窥蠡测 guan3 kui1 li2 ce4
燕国 yan1 guo2
燕王 yan1 wang2
燕京 yan1 jing1
燕山 yan1 shan1
燕赵 yan1 zhao4
燕云 yan1 yun2
燕地 yan1 di4
燕军 yan1 jun1
燕都 yan1 du1
燕太子 yan1 tai4 zi3
燕昭王 yan1 zhao1 wang2
前燕 qian2 yan1
后燕 hou4 yan1
南燕 nan2 yan1
北燕 bei3 yan1
西燕 xi1 yan1
燕然 yan1 ran2
朴素 pu3 su4
朴实 pu3 shi2
质朴 zhi4 pu3
简朴 jian3 pu3
淳朴 chun2 pu3
纯朴 chun2 pu3
俭朴 jian3 pu3
古朴 gu3 pu3
朴茨茅斯 pu3 ci2 mao2 si1
朴刀 po1 dao1
朴树 po4 shu4
扇动 shan1 dong4
扇风 shan1 feng1
扇耳光 shan1 er3 guang1
扇了 shan1 le5
姥姥 lao3 lao5
姥爷 lao3 ye5
咽喉 yan1 hou2
咽部 yan1 bu4
咽炎 yan1 yan2
咽峡 yan1 xia2
咽头 yan1 tou2
咽痛 yan1 tong4
鼻咽 bi2 yan1
吞咽 tun1 yan4
咽下 yan4 xia4
下咽 xia4 yan4
咽气 yan4 qi4
哽咽 geng3 ye4
呜咽 wu1 ye4
咳嗽 ke2 sou5
止咳 zhi3 ke2
镇咳 zhen4 ke2
干咳 gan1 ke2
咳血 ke2 xue4
仓颉 cang1 jie2
颉颃 xie2 hang2
阙如 que1 ru2
阙疑 que1 yi2
铃铛 ling2 dang1
饼铛 bing3 cheng1
钉子 ding1 zi5
图钉 tu2 ding1
铁钉 tie3 ding1
钉住 ding4 zhu4
钉在 ding4 zai4
钉入 ding4 ru4
钉上 ding4 shang4
钉死 ding4 si3
钉牢 ding4 lao2
西藏 xi1 zang4
藏族 zang4 zu2
藏语 zang4 yu3
藏文 zang4 wen2
藏军 zang4 jun1
藏区 zang4 qu1
藏人 zang4 ren2
藏传 zang4 chuan2
藏医 zang4 yi1
藏药 zang4 yao4
藏历 zang4 li4
藏戏 zang4 xi4
藏獒 zang4 ao2
藏羚 zang4 ling2
藏南 zang4 nan2
藏北 zang4 bei3
藏东 zang4 dong1
藏王 zang4 wang2
驻藏 zhu4 zang4
入藏 ru4 zang4
进藏 jin4 zang4
援藏 yuan2 zang4
川藏 chuan1 zang4
青藏 qing1 zang4
滇藏 dian1 zang4
新藏 xin1 zang4
卫藏 wei4 zang4
康藏 kang1 zang4
宝藏 bao3 zang4
道藏 dao4 zang4
经藏 jing1 zang4
三藏 san1 zang4
大藏经 da4 zang4 jing1
藏经 zang4 jing1
藏青 zang4 qing1
藏红花 zang4 hong2 hua1
露茜 lu4 xi1
茜茜 xi1 xi1
塞缪尔 sai4 miu4 er3
加缪 jia1 miu4
缪斯 miu4 si1
绸缪 chou2 mou2
未雨绸缪 wei4 yu3 chou2 mou2
德累斯顿 de2 lei2 si1 dun4
累累 lei2 lei2
累赘 lei2 zhui5
累计 lei3 ji4
累积 lei3 ji1
累加 lei3 jia1
累进 lei3 jin4
累犯 lei3 fan4
累次 lei3 ci4
累年 lei3 nian2
累世 lei3 shi4
连累 lian2 lei3
牟平 mu4 ping2
牟利 mou2 li4
牟取 mou2 qu3
释迦牟尼 shi4 jia1 mou2 ni2
松柏 song1 bai3
柏树 bai3 shu4
柏木 bai3 mu4
柏油 bai3 you2
侧柏 ce4 bai3
柏林 bo2 lin2
柏拉图 bo2 la1 tu2
黄柏 huang2 bo4
操纵杆 cao1 zong4 gan3
驾驶杆 jia4 shi3 gan3
杠杆 gang4 gan3
枪杆 qiang1 gan3
笔杆 bi3 gan3
秤杆 cheng4 gan3
烟杆 yan1 gan3
球杆 qiu2 gan3
摇杆 yao2 gan3
拉杆 la1 gan3
连杆 lian2 gan3
杆菌 gan3 jun1
侧杆 ce4 gan3
旗杆 qi2 gan1
桅杆 wei2 gan1
栏杆 lan2 gan1
电线杆 dian4 xian4 gan1
光晕 guang1 yun4
月晕 yue4 yun4
日晕 ri4 yun4
红晕 hong2 yun4
晕车 yun4 che1
晕船 yun4 chuan2
晕机 yun4 ji1
晕染 yun4 ran3
头晕 tou2 yun1
晕倒 yun1 dao3
晕厥 yun1 jue2
晕眩 yun1 xuan4
挣脱 zheng1 tuo1
挣开 zheng1 kai1
挣扎 zheng1 zha2
挣钱 zheng4 qian2
挣得 zheng4 de2
应该 ying1 gai1
应当 ying1 dang1
理应 li3 ying1
对应 dui4 ying4
对应于 dui4 ying4 yu2
投奔 tou2 ben4
直奔 zhi2 ben4
奔向 ben4 xiang4
奔往 ben4 wang3
奔着 ben4 zhe5
要塞 yao4 sai4
边塞 bian1 sai4
塞外 sai4 wai4
出塞 chu1 sai4
入塞 ru4 sai4
关塞 guan1 sai4
塞北 sai4 bei3
塞尔维亚 sai4 er3 wei2 ya4
塞浦路斯 sai4 pu3 lu4 si1
塞内加尔 sai4 nei4 jia1 er3
埃塞俄比亚 ai1 sai4 e2 bi3 ya4
马萨诸塞 ma3 sa4 zhu1 sai4
堵塞 du3 se4
阻塞 zu3 se4
闭塞 bi4 se4
敷衍塞责 fu1 yan3 se4 ze2
塞进 sai1 jin4
塞入 sai1 ru4
塞满 sai1 man3
塞住 sai1 zhu4
瓶塞 ping2 sai1
活塞 huo2 sai1
英哩 ying1 li3
酒吧 jiu3 ba1
网吧 wang3 ba1
贴吧 tie1 ba1
吧台 ba1 tai2
水吧 shui3 ba1
氧吧 yang3 ba1
话吧 hua4 ba1
书吧 shu1 ba1
茶吧 cha2 ba1
吧女 ba1 nv3
吗啡 ma3 fei1
啦啦队 la1 la1 dui4
喇嘛 la3 ma5
喇叭 la3 ba5
哪吒 ne2 zha1
恐吓 kong3 he4
威吓 wei1 he4
恫吓 dong4 he4
吓阻 he4 zu3
呼吁 hu1 yu4
类似 lei4 si4
相似 xiang1 si4
近似 jin4 si4
好似 hao3 si4
似乎 si4 hu1
似是而非 si4 shi4 er2 fei1
似的 shi4 de5
几乎 ji1 hu1
茶几 cha2 ji1
几率 ji1 lv4
计划 ji4 hua4
规划 gui1 hua4
策划 ce4 hua4
区划 qu1 hua4
划分 hua4 fen1
划定 hua4 ding4
划拨 hua4 bo1
划归 hua4 gui1
划入 hua4 ru4
划为 hua4 wei2
划船 hua2 chuan2
划艇 hua2 ting3
划桨 hua2 jiang3
划算 hua2 suan4
划水 hua2 shui3
冠军 guan4 jun1
夺冠 duo2 guan4
冠名 guan4 ming2
冠以 guan4 yi3
亚冠 ya4 guan4
桂冠 gui4 guan1
衣冠 yi1 guan1
皇冠 huang2 guan1
王冠 wang2 guan1
树冠 shu4 guan1
花冠 hua1 guan1
冠状 guan1 zhuang4
角色 jue2 se4
主角 zhu3 jue2
配角 pei4 jue2
角逐 jue2 zhu2
丑角 chou3 jue2
旦角 dan4 jue2
口角 kou3 jue2
僮族 zhuang4 zu2
厦门 xia4 men2
大厦 da4 sha4
噶厦 ga2 sha4
奄奄 yan3 yan3
甄嬛 zhen1 huan2
参将 can1 jiang4
将作 jiang4 zuo4
将领 jiang4 ling3
将帅 jiang4 shuai4
将士 jiang4 shi4
将校 jiang4 xiao4
夹克 jia2 ke4
夹袄 jia2 ao3
夹衣 jia2 yi1
夹被 jia2 bei4
夹在 jia1 zai4
夹住 jia1 zhu4
夹击 jia1 ji1
夹攻 jia1 gong1
夹杂 jia1 za2
夹道 jia1 dao4
夹缝 jia1 feng4
夹子 jia1 zi5
斗栱 dou3 gong3
斗拱 dou3 gong3
北斗 bei3 dou3
漏斗 lou4 dou3
烟斗 yan1 dou3
斗笠 dou3 li4
车载斗量 che1 zai4 dou3 liang2
撇开 pie1 kai1
撇清 pie1 qing1
撇下 pie1 xia4
撇去 pie1 qu4
撇嘴 pie3 zui3
一撇 yi1 pie3
揣测 chuai3 ce4
揣摩 chuai3 mo2
揣度 chuai3 duo2
揣想 chuai3 xiang3
无臭 wu2 xiu4
乳臭 ru3 xiu4
铜臭 tong2 xiu4
爪哇 zhao3 wa1
爪牙 zhao3 ya2
鹰爪 ying1 zhao3
芍陂 que4 bei1
芍药 shao2 yao4
东莞 dong1 guan3
莞尔 wan3 er3
蔚县 yu4 xian4
蔚州 yu4 zhou1
蔚蓝 wei4 lan2
蔚然 wei4 ran2
吐蕃 tu3 bo1
脚踏实地 jiao3 ta4 shi2 di4
踏实 ta1 shi5
佛郎机 fo2 lang2 ji1
汗国 han2 guo2
汗位 han2 wei4
可汗 ke4 han2
成吉思汗 cheng2 ji2 si1 han2
连翘 lian2 qiao2
翘首 qiao2 shou3
翘楚 qiao2 chu3
翘起 qiao4 qi3
翘曲 qiao4 qu1
鱼肚 yu2 du3
毛肚 mao2 du3
猪肚 zhu1 du3
羊肚 yang2 du3
闷热 men1 re4
闷声 men1 sheng1
闷头 men1 tou2
门槛 men2 kan3
槛车 jian4 che1
槛送 jian4 song4
校对 jiao4 dui4
校正 jiao4 zheng4
校准 jiao4 zhun3
校射 jiao4 she4
校验 jiao4 yan4
校订 jiao4 ding4
校勘 jiao4 kan1
校阅 jiao4 yue4
校注 jiao4 zhu4
校点 jiao4 dian3
校样 jiao4 yang4
脊椎 ji3 zhui1
颈椎 jing3 zhui1
腰椎 yao1 zhui1
胸椎 xiong1 zhui1
椎骨 zhui1 gu3
椎间盘 zhui1 jian1 pan2
挨打 ai2 da3
挨饿 ai2 e4
挨骂 ai2 ma4
挨揍 ai2 zou4
挨批 ai2 pi1
挨冻 ai2 dong4
挨整 ai2 zheng3
挨着 ai1 zhe5
挨近 ai1 jin4
挨家挨户 ai1 jia1 ai1 hu4
挨个 ai1 ge4
琢磨 zuo2 mo5
雕琢 diao1 zhuo2
畹町 wan3 ting3
盛饭 cheng2 fan4
盛水 cheng2 shui3
盛满 cheng2 man3
盛放 sheng4 fang4
笼子 long2 zi5
鸟笼 niao3 long2
灯笼 deng1 long5
蒸笼 zheng1 long2
笼罩 long3 zhao4
笼统 long3 tong3
笼络 long3 luo4
粘贴 zhan1 tie1
粘在 zhan1 zai4
粘住 zhan1 zhu4
粘连 zhan1 lian2
粘液 nian2 ye4
粘膜 nian2 mo2
粘性 nian2 xing4
粘稠 nian2 chou2
粘土 nian2 tu3
粘度 nian2 du4
裁缝 cai2 feng5
缝隙 feng4 xi4
缝合 feng2 he2
门缝 men2 feng4
裂缝 lie4 feng4
无缝 wu2 feng4
耶稣 ye1 su1
耶路撒冷 ye1 lu4 sa1 leng3
耶和华 ye1 he2 hua2
铺设 pu1 she4
铺路 pu1 lu4
铺开 pu1 kai1
铺垫 pu1 dian4
铺张 pu1 zhang1
铺满 pu1 man3
铺上 pu1 shang4
铺成 pu1 cheng2
铺子 pu4 zi5
店铺 dian4 pu4
床铺 chuang2 pu4
当铺 dang4 pu4
商铺 shang1 pu4
铺位 pu4 wei4
地铺 di4 pu4
皮划艇 pi2 hua2 ting3
炸弹 zha4 dan4
爆炸 bao4 zha4
轰炸 hong1 zha4
炸毁 zha4 hui3
炸死 zha4 si3
炸药 zha4 yao4
油炸 you2 zha2
炸鸡 zha2 ji1
炸酱面 zha2 jiang4 mian4
炸薯条 zha2 shu3 tiao2
炸糕 zha2 gao1
炸油条 zha2 you2 tiao2
剥夺 bo1 duo2
剥离 bo1 li2
剥削 bo1 xue1
剥落 bo1 luo4
剥蚀 bo1 shi2
剥皮 bao1 pi2
削弱 xue1 ruo4
削减 xue1 jian3
削籍 xue1 ji2
削职 xue1 zhi2
削发 xue1 fa4
削皮 xiao1 pi2
削苹果 xiao1 ping2 guo3
削铅笔 xiao1 qian1 bi3
刀削面 dao1 xiao1 mian4
逮捕 dai4 bu3
豁免 huo4 mian3
豁达 huo4 da2
豁然 huo4 ran2
豁口 huo1 kou3
豁出去 huo1 chu1 qu4
湖泊 hu2 po1
血泊 xue4 po1
梁山泊 liang2 shan1 po1
停泊 ting2 bo2
漂泊 piao1 bo2
淡泊 dan4 bo2
佣金 yong4 jin1
雇佣 gu4 yong1
女佣 nv3 yong1
仆佣 pu2 yong1
阆中 lang4 zhong1
收拾 shou1 shi5
知识 zhi1 shi5
见识 jian4 shi5
衣服 yi1 fu5
舒服 shu1 fu5
码头 ma3 tou5
耽搁 dan1 ge5
荸荠 bi2 qi5
乐评 yue4 ping2
乐评人 yue4 ping2 ren2
乐团 yue4 tuan2
乐队 yue4 dui4
乐曲 yue4 qu3
乐器 yue4 qi4
乐章 yue4 zhang1
乐手 yue4 shou3
乐坛 yue4 tan2
乐府 yue4 fu3
乐谱 yue4 pu3
乐理 yue4 li3
乐师 yue4 shi1
乐迷 yue4 mi2
声乐 sheng1 yue4
器乐 qi4 yue4
音乐 yin1 yue4
礼乐 li3 yue4
雅乐 ya3 yue4
管弦乐 guan3 xian2 yue4
交响乐 jiao1 xiang3 yue4
爵士乐 jue2 shi4 yue4
快乐 kuai4 le4
娱乐 yu2 le4
乐观 le4 guan1
乐意 le4 yi4
乐趣 le4 qu4
乐园 le4 yuan2
俱乐部 ju4 le4 bu4
可口可乐 ke3 kou3 ke3 le4
乐山 le4 shan1
乐清 yue4 qing1
乐亭 lao4 ting2
长官 zhang3 guan1
首长 shou3 zhang3
部长 bu4 zhang3
处长 chu4 zhang3
局长 ju2 zhang3
厅长 ting1 zhang3
科长 ke1 zhang3
股长 gu3 zhang3
校长 xiao4 zhang3
院长 yuan4 zhang3
所长 suo3 zhang3
站长 zhan4 zhang3
社长 she4 zhang3
会长 hui4 zhang3
团长 tuan2 zhang3
旅长 lv3 zhang3
师长 shi1 zhang3
军长 jun1 zhang3
营长 ying2 zhang3
连长 lian2 zhang3
排长 pai2 zhang3
班长 ban1 zhang3
舰长 jian4 zhang3
船长 chuan2 zhang3
机长 ji1 zhang3
组长 zu3 zhang3
队长 dui4 zhang3
村长 cun1 zhang3
乡长 xiang1 zhang3
镇长 zhen4 zhang3
县长 xian4 zhang3
市长 shi4 zhang3
省长 sheng3 zhang3
州长 zhou1 zhang3
区长 qu1 zhang3
馆长 guan3 zhang3
董事长 dong3 shi4 zhang3
总长 zong3 zhang3
议长 yi4 zhang3
酋长 qiu2 zhang3
家长 jia1 zhang3
兄长 xiong1 zhang3
学长 xue2 zhang3
师兄 shi1 xiong1
年长 nian2 zhang3
长老 zhang3 lao3
长子 zhang3 zi3
长女 zhang3 nv3
长孙 zhang3 sun1
长兄 zhang3 xiong1
长辈 zhang3 bei4
生长 sheng1 zhang3
成长 cheng2 zhang3
增长 zeng1 zhang3
助长 zhu4 zhang3
长大 zhang3 da4
长出 zhang3 chu1
擅长 shan4 chang2
特长 te4 chang2
专长 zhuan1 chang2
长江 chang2 jiang1
长城 chang2 cheng2
长安 chang2 an1
长沙 chang2 sha1
长春 chang2 chun1
长度 chang2 du4
长期 chang2 qi1
长途 chang2 tu2
长篇 chang2 pian1
长寿 chang2 shou4
重庆 chong2 qing4
重新 chong2 xin1
重复 chong2 fu4
重建 chong2 jian4
重组 chong2 zu3
重申 chong2 shen1
重演 chong2 yan3
重叠 chong2 die2
重逢 chong2 feng2
重阳 chong2 yang2
重现 chong2 xian4
重修 chong2 xiu1
重印 chong2 yin4
重制 chong2 zhi4
重启 chong2 qi3
重开 chong2 kai1
重返 chong2 fan3
重回 chong2 hui2
重置 chong2 zhi4
重播 chong2 bo1
重编 chong2 bian1
重写 chong2 xie3
重选 chong2 xuan3
重命名 chong2 ming4 ming2
重新命名 chong2 xin1 ming4 ming2
重归 chong2 gui1
重整 chong2 zheng3
重镇 zhong4 zhen4
重要 zhong4 yao4
重大 zhong4 da4
重点 zhong4 dian3
重视 zhong4 shi4
严重 yan2 zhong4
重量 zhong4 liang4
体重 ti3 zhong4
重工业 zhong4 gong1 ye4
重型 zhong4 xing2
重伤 zhong4 shang1
勃艮第 bo2 gen4 di4
主丧 zhu3 sang1
治丧 zhi4 sang1
奔丧 ben1 sang1
吊丧 diao4 sang1
丧事 sang1 shi4
丧葬 sang1 zang4
丧礼 sang1 li3
丧服 sang1 fu2
丧钟 sang1 zhong1
会稽 kuai4 ji1
万俟 mo4 qi2
华山 hua4 shan1
华佗 hua4 tuo2
单于 chan2 yu2
高句丽 gao1 gou1 li2
句践 gou1 jian4
喝彩 he4 cai3
喝令 he4 ling4
喝倒彩 he4 dao4 cai3
大喝 da4 he4
断喝 duan4 he4
大埔 da4 bu4
扛鼎 gang1 ding3
拓片 ta4 pian4
拓本 ta4 ben3
拓印 ta4 yin4
怀揣 huai2 chuai1
揣着 chuai1 zhe5
擂鼓 lei2 gu3
自吹自擂 zi4 chui1 zi4 lei2
曾祖 zeng1 zu3
曾孙 zeng1 sun1
曾祖父 zeng1 zu3 fu4
曾国藩 zeng1 guo2 fan1
曾子 zeng1 zi3
桔梗 jie2 geng3
月氏 yue4 zhi1
阏氏 yan1 zhi1
济南 ji3 nan2
济宁 ji3 ning2
济水 ji3 shui3
济源 ji3 yuan2
济阳 ji3 yang2
济济 ji3 ji3
涡河 guo1 he2
涡阳 guo1 yang2
澹台 tan2 tai2
番禺 pan1 yu2
太监 tai4 jian4
国子监 guo2 zi3 jian4
钦天监 qin1 tian1 jian4
将作监 jiang4 zuo4 jian4
国相 guo2 xiang4
丞相 cheng2 xiang4
宰相 zai3 xiang4
首相 shou3 xiang4
禅让 shan4 rang4
封禅 feng1 shan4
禅位 shan4 wei4
秘鲁 bi4 lu3
系鞋带 ji4 xie2 dai4
系领带 ji4 ling3 dai4
系上 ji4 shang4
系好 ji4 hao3
系紧 ji4 jin3
系着 ji4 zhe5
背着 bei1 zhe5
背起 bei1 qi3
背负 bei1 fu4
背包 bei1 bao1
般若 bo1 re3
自怨自艾 zi4 yuan4 zi4 yi4
芥蓝 gai4 lan2
芥菜 gai4 cai4
米芾 mi3 fu2
蚌埠 beng4 bu4
谷蠡 lu4 li2
图穷匕见 tu2 qiong2 bi3 xian4
道观 dao4 guan4
寺观 si4 guan4
白云观 bai2 yun2 guan4
玄妙观 xuan2 miao4 guan4
浑身解数 hun2 shen1 xie4 shu4
解元 jie4 yuan2
押解 ya1 jie4
游说 you2 shui4
句读 ju4 dou4
商贾 shang1 gu3
轧钢 zha2 gang1
轧机 zha2 ji1
轧制 zha2 zhi4
冷轧 leng3 zha2
热轧 re4 zha2
载体 zai4 ti3
载人 zai4 ren2
载客 zai4 ke4
载货 zai4 huo4
满载 man3 zai4
铣床 xi3 chuang2
铣削 xi3 xiao1
铣刀 xi3 dao1
锋镝 feng1 di2
镐京 hao4 jing1
补阙 bu3 que1
阿胶 e1 jiao1
阿谀 e1 yu2
东阿 dong1 e1
阿房宫 e1 pang2 gong1
乞降 qi3 xiang2
受降 shou4 xiang2
招降 zhao1 xiang2
归降 gui1 xiang2
诈降 zha4 xiang2
劝降 quan4 xiang2
请降 qing3 xiang2
纳降 na4 xiang2
投降 tou2 xiang2
风靡 feng1 mi3
萎靡 wei3 mi3
披靡 pi1 mi3
靡靡 mi3 mi3
奢靡 she1 mi2
好好 hao3 hao3
郦食其 li4 yi4 ji1
呵叻 he1 le4
船只 chuan2 zhi1
舰只 jian4 zhi1
卷轴 juan4 zhou2
清隽 qing1 juan4
隽永 juan4 yong3
苍颉 cang1 jie2
擂石 lei2 shi2
秘书长 mi4 shu1 zhang3
行长 hang2 zhang3
六安 lu4 an1
铅山 yan2 shan1
枞阳 zong1 yang2
歙县 she4 xian4
洪洞 hong2 tong2
单县 shan4 xian4
曲阜 qu1 fu4
莎草 suo1 cao3
莎车 sha1 che1
莎士比亚 sha1 shi4 bi3 ya4
毛泽覃 mao2 ze2 tan2
仡佬 ge1 lao3
桄榔 guang1 lang2
薄熙来 bo2 xi1 lai2
薄一波 bo2 yi1 bo1
句町 gou1 ding1
句吴 gou1 wu2
委靡 wei3 mi3
积极地 ji1 ji2 de5
消极地 xiao1 ji2 de5
`

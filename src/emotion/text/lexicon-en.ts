/**
 * English emotion lexicon for the rule-based text classifier. Written by the project from
 * general knowledge of English emotion vocabulary (base forms; the matcher strips common
 * inflections), not derived from the test sentences. Multi-word phrases are written with
 * spaces and matched before single words, so "can't wait" is not read as a negation.
 *
 * Format as in lexicon-zh.ts: whitespace-separated terms per emotion, `:weight` optional,
 * phrases joined with underscores in the source strings (turned into spaces when loaded).
 */
import type { EmotionName } from '../../core/types.js'
import type { LexiconSource } from './lexicon.js'

const EN_TERMS: Record<EmotionName, string> = {
  happy: `
    happy happily happiness glad joy joyful joyous delight delighted delightful cheerful cheery merry jolly
    elated ecstatic euphoric overjoyed thrilled excite:0.8 excited:0.8 exciting:0.7 thrill wonderful marvelous
    great:0.6 awesome fantastic terrific fabulous brilliant:0.7 amazing:0.6 excellent:0.7 superb perfect:0.6
    lovely:0.8 love:0.7 adore enjoy:0.7 fun:0.7 funny:0.5 laugh laughter giggle smile:0.7 grin:0.7 yay hooray
    hurray woohoo yippee haha hahaha lol:0.8 congratulations congrats celebrate celebration party:0.5 win:0.6
    won:0.6 victory success:0.6 succeed:0.6 proud:0.6 pleased:0.8 satisfied:0.6 grateful:0.6 thankful:0.6
    thanks:0.4 thank_you:0.4 blessed:0.7 lucky:0.7 hope:0.3 hopeful:0.5 bliss blissful cheer:0.7 sunshine:0.4
    yummy:0.6 delicious:0.6 sweet:0.5 beautiful:0.5 gorgeous:0.6 best_day good_news great_news can't_wait:0.8
    looking_forward:0.7 so_much_fun dream_come_true finally:0.4 wow_great best:0.4 nice:0.5 good:0.3 fine_day:0.3
    promoted promotion:0.6 raise:0.3 holiday:0.5 vacation:0.5 birthday:0.5 reunion:0.6 welcome:0.4 hug:0.5
    relief:0.6 relieved:0.7 thank_god:0.6 thank_goodness:0.6 made_my_day made_my_week healthy:0.3 beaming
    overjoyed glow:0.3 glowing:0.5 grinning delightful cheering:0.7 applause:0.5 good_time:0.6 great_time
  `,
  angry: `
    angry angrily anger furious fury rage raging enraged livid irate outraged outrage mad:0.8 infuriating
    infuriated incensed seething fuming annoyed:0.7 annoying:0.6 irritated:0.7 irritating:0.6 pissed
    pissed_off frustrated:0.6 frustrating:0.6 resent resentment hate:0.7 hatred loathe:0.6 hostile
    how_dare how_could_you shut_up get_out fed_up sick_of sick_and_tired enough_is_enough unacceptable:0.8
    ridiculous:0.5 outrageous:0.8 unfair:0.6 insult:0.7 insulting:0.7 liar:0.7 lied:0.6 cheat:0.6 cheated:0.6
    betray:0.6 betrayed:0.6 damn:0.6 damn_it goddamn hell:0.4 what_the_hell:0.7 bastard idiot:0.7 stupid:0.5
    moron:0.7 jerk:0.6 scream:0.4 shout:0.5 yell:0.6 slam:0.6 punch:0.5 fight:0.4 revenge vengeance
    blame:0.5 fault:0.3 demand:0.4 complain:0.5 complaint:0.5 never_again:0.4 last_time:0.3 warned:0.4
    temper lose_my_temper irritate grr grrr argh:0.5 nonsense:0.5 disgrace:0.6 useless:0.5 incompetent:0.6
    worst:0.5 no_reason:0.5 for_no_reason:0.7 not_even:0.5 didn't_even:0.6 won't_even:0.6 doesn't_even:0.5
    wouldn't_even:0.5 messed_up:0.5 blood_boil makes_my_blood_boil i've_had_it had_it_with stop_it:0.7 enough:0.4
    how_many_times:0.7 in_my_face:0.5 had_one_job:0.8 pay_for_this:0.7 pay_for_it:0.5 you'll_pay treating_me_like:0.6
    interrupt:0.5 interrupting:0.5 selfish:0.5 disrespect:0.7 disrespectful:0.7 the_nerve:0.6 who_do_you_think
    leave_me_alone:0.6 get_lost:0.8 back_off:0.7 cut_it_out:0.8 knock_it_off:0.8 unbelievable_that:0.4
  `,
  sad: `
    sad sadly sadness unhappy:0.8 sorrow sorrowful grief grieve grieving mourn mourning heartbroken
    heartbreak heartbreaking broken_heart broke_my_heart tear:0.6 tears weep weeping cry crying cried sob
    sobbing tearful miserable misery devastated devastating tragic tragedy painful:0.6 pain:0.5 hurt:0.6
    hurts:0.6 ache:0.5 aching:0.6 loss:0.6 lose:0.3 lost:0.4 miss:0.5 missing:0.4 passed_away died:0.8
    death:0.7 dead:0.6 funeral grave:0.5 goodbye:0.5 farewell:0.6 never_see:0.7 gone_forever:0.8 regret:0.6
    sorry:0.4 pity:0.6 poor_thing:0.6 alas unfortunately:0.5 unfortunate:0.5 cruel:0.4 orphan:0.6
    condolences sympathy:0.5 rest_in_peace breakup:0.6 broke_up:0.6 dumped:0.6 divorce:0.5 sick:0.3 ill:0.3
    cancer:0.5 hospital:0.3 suffer:0.6 suffering:0.6 despair:0.6 anguish woe woeful distraught
    didn't_make_it:0.9 put_to_sleep:0.7 never_come_home:0.8 never_came_home:0.8 voice_broke:0.8 broke_down:0.7
    gone:0.4 wept never_got_the_chance:0.7 no_longer_with_us in_memory:0.6 memorial:0.6 accident:0.5 killed:0.6
    destroyed:0.5 homeless:0.5 lonely_grave:0.5 last_goodbye:0.9 lost_him:0.8 lost_her:0.8 tearful
  `,
  afraid: `
    afraid scared scary scare fear fearful frightened frightening fright terrified terrifying terror horror
    horrified horrifying panic panicked panicking dread dreadful creepy spooky eerie nightmare petrified
    nervous:0.7 anxious:0.7 anxiety:0.7 worried:0.7 worry:0.6 uneasy:0.7 tense:0.5 alarmed:0.7 alarm:0.5
    shaking:0.6 shake:0.4 tremble trembling shiver:0.5 help:0.5 help_me run:0.4 hide:0.6 hiding:0.6
    someone's_there somebody_there behind_me:0.6 footsteps:0.5 dark:0.4 darkness:0.5 ghost monster:0.8
    killer murderer intruder danger dangerous threat:0.7 threaten:0.7 attack:0.5 scream:0.5 screaming:0.6
    heart_pounding heart_racing cold_sweat goosebumps what_if:0.5 oh_no:0.5 please_no don't_hurt
    emergency:0.7 fire:0.3 earthquake:0.6 trapped:0.7 chased:0.6 following_me:0.6 phobia spider:0.3
    stranger:0.4 staring:0.3 falling:0.3 don't_leave_me:0.7 please_don't:0.4 knows_where_i_live:0.8 someone's_watching
    watching_me:0.5 lurking:0.7 shadow:0.4 shadows:0.4 scream_for_help freeze:0.2 froze:0.4 frozen_with_fear
    what_was_that:0.7 did_you_hear_that:0.7 locked_in:0.5 can't_breathe:0.6 drowning:0.7 sinking:0.4
  `,
  disgusted: `
    disgust disgusted disgusting gross grossed_out revolting revolted repulsive repulsed repugnant repellent
    nauseating nauseous nausea sickening sickened vile foul filthy filth nasty yuck yuk eww ew ugh:0.6
    rotten rotting moldy mouldy stink stinks stinking stinky smelly reek reeks slimy greasy:0.5 dirty:0.6
    vomit puke throw_up threw_up gag:0.7 barf creep:0.5 creepy_guy sleazy slimeball pervert contempt
    despise:0.8 scorn disdain detest:0.8 abhor abhorrent loathsome distasteful offensive:0.6 obscene
    can't_stand:0.7 cockroach:0.8 roach maggot maggots rat:0.5 rats:0.5 sewage garbage:0.5 trash:0.4 pus
    mucus snot hypocrite:0.7 hypocritical:0.7 shameless:0.6 sick_to_my_stomach turn_my_stomach
    makes_me_sick:0.8 off_putting putrid rancid spoiled:0.5 sour_milk
    spit:0.7 spat:0.7 sneeze:0.4 sneezed:0.4 booger picked_his_nose picking_his_nose pick_your_nose mouth_open:0.4
    sticky:0.4 diaper:0.3 sewer:0.6 hair_in_my:0.6 bribe:0.4 bribes:0.4 corrupt:0.5 suck_up:0.7 kiss_up:0.7
    brag:0.4 bragged:0.4 sweaty:0.4 greasy_hair stench odor:0.4 unwashed
  `,
  melancholic: `
    melancholy melancholic depressed depression depressing gloomy gloom glum blue:0.4 feel_blue down:0.2
    feel_down feeling_down low:0.3 lonely loneliness lonesome empty:0.6 emptiness hollow:0.6 bored boring:0.7
    boredom dull:0.6 tedious:0.6 pointless meaningless hopeless hopelessness despondent dejected
    discouraged disheartened dispirited downcast listless weary tired:0.6 exhausted:0.6 drained:0.7 numb:0.7
    sigh sighs sighed whatever:0.5 meh nostalgic:0.6 nostalgia:0.6 wistful longing:0.6 homesick
    disappointed:0.7 disappointing:0.6 disappointment:0.7 let_down:0.7 gray:0.3 grey:0.3 rainy:0.3 rain:0.2
    autumn:0.2 dreary bleak:0.8 nothing_matters no_point give_up:0.6 gave_up:0.6 what's_the_point
    nobody_cares no_one_cares the_same:0.2 same_old:0.5 used_to:0.3 once:0.1 anymore:0.4 no_longer:0.3
    unmotivated apathetic lethargic sluggish:0.6 moody:0.5 sulk:0.6 mope:0.8 gloomily
    nowhere_to_go:0.8 nothing_to_show:0.8 old_photos:0.5 memories:0.4 the_old_days:0.6 back_then:0.4 years_ago:0.3
    moved_away:0.4 the_point_of_it_all doesn't_matter:0.5 don't_feel_like:0.6 too_tired:0.7 nothing_ever_changes
    grown_apart:0.7 drifted_apart:0.7 faded:0.4 fading:0.4 silence:0.3 empty_house:0.6
  `,
  surprised: `
    surprise surprised surprising surprisingly astonish astonished astonishing astounded astounding amaze:0.6
    amazed:0.8 stunned shocked:0.8 shocking:0.7 startled startling flabbergasted speechless dumbfounded
    unexpected unexpectedly unbelievable incredible:0.6 incredibly:0.3 wow whoa woah omg oh_my oh_my_god
    my_god:0.7 good_heavens goodness:0.5 no_way can't_believe cannot_believe didn't_expect never_expected
    never_thought:0.6 who_knew who_would_have_thought out_of_nowhere suddenly:0.5 sudden:0.4 all_of_a_sudden
    seriously:0.4 huh:0.5 jaw_dropped eyes_widened can't_be what_on_earth
    holy:0.5 holy_cow gosh:0.5 believe_it_or_not of_all_things wait_what plot_twist mind_blowing
    mind_blown out_of_the_blue bombshell:0.6
    turned_out:0.6 turns_out:0.6 all_along:0.6 this_whole_time:0.5 had_no_idea:0.7 no_idea:0.3 since_when:0.8
    actually:0.3 of_all_people:0.5 jaw_drop mouth_fell_open caught_off_guard took_me_by_surprise
  `,
  calm: `
    calm calmly calmness peaceful peacefully peace:0.7 serene serenity tranquil tranquility relaxed relax
    relaxing:0.8 quiet:0.5 quietly:0.6 gentle:0.6 gently:0.6 slowly:0.4 steady:0.6 steadily:0.5 composed
    soothing soothe still:0.2 easy:0.4 easygoing take_your_time no_rush no_hurry no_worries don't_worry
    it's_okay:0.7 it's_fine:0.6 never_mind:0.5 all_right:0.4 alright:0.4 fine:0.3 okay:0.2 ok:0.2
    breathe:0.6 deep_breath rest:0.4 resting:0.5 meditate meditation mindful unhurried leisurely cozy:0.6
    comfortable:0.5 content:0.6 at_ease settle:0.4 settled:0.5 balance:0.3 breeze:0.4 stroll:0.5
    sip:0.3 tea:0.3 as_usual:0.6 routine:0.4 normal:0.4 ordinary:0.4 nothing_special:0.5 patience:0.5 patient:0.5
  `,
}

const EN_MIXED: Readonly<Record<string, Partial<Record<EmotionName, number>>>> = {
  alone: { melancholic: 0.4, afraid: 0.2 },
  "couldn't sleep": { melancholic: 0.3, afraid: 0.3 },
  "can't sleep": { melancholic: 0.3, afraid: 0.3 },
  rude: { angry: 0.4, disgusted: 0.3 },
  ruined: { angry: 0.5, sad: 0.3 },
  'scared me': { afraid: 0.8, surprised: 0.5 },
  'scared the hell out of': { afraid: 1, surprised: 0.6 },
  'made me jump': { surprised: 0.8, afraid: 0.4 },
  'tears of joy': { happy: 1.2 },
  'happy tears': { happy: 1.2 },
  touched: { happy: 0.5, sad: 0.3 },
  moved: { happy: 0.3, sad: 0.3 },
  bittersweet: { happy: 0.3, melancholic: 0.6 },
  disgrace: { angry: 0.5, disgusted: 0.5 },
  appalled: { disgusted: 0.7, angry: 0.4, surprised: 0.3 },
  appalling: { disgusted: 0.7, angry: 0.4 },
  shameful: { disgusted: 0.6, angry: 0.4 },
  overwhelmed: { afraid: 0.4, melancholic: 0.3 },
  'what a surprise': { surprised: 1, happy: 0.3 },
}

/** Whole words that look like an emotion word but are not one (blockers). */
const EN_BLOCKERS = `
  go_down goes_down went_down gone_down like_this feel_like no_matter help_desk down_the_street down_to upside_down slow_down sit_down calm_before
  tear_down tear_it_down run_into run_out ran_out running_out mad_scientist blue_sky
  blue_car blue_shirt rain_check good_morning good_night good_afternoon good_evening pretty_much
`

/** Negators (also every token ending in n't). */
const EN_NEGATORS = `not no never nothing nobody none neither nor without hardly barely scarcely cannot n't isnt dont`

const EN_INTENSIFIERS = `
  can't_stop:1.5 couldn't_stop:1.5 won't_stop:1.3 wouldn't_stop:1.3 keep_on:1.1
  very:1.3 really:1.3 so:1.3 too:1.2 extremely:1.7 incredibly:1.6 absolutely:1.6 totally:1.5 completely:1.5
  utterly:1.7 terribly:1.5 awfully:1.5 deeply:1.5 truly:1.4 super:1.4 most:1.3 especially:1.3 particularly:1.3
  quite:1.1 pretty:1.1 such:1.3 so_much:1.5 beyond:1.4 insanely:1.6 seriously:1.2 genuinely:1.3 unbelievably:1.6
  a_bit:0.6 a_little:0.6 little:0.7 slightly:0.5 somewhat:0.6 kind_of:0.6 kinda:0.6 sort_of:0.6 mildly:0.5
  rather:0.9 fairly:0.8
`

/** English has no postfix intensifiers worth a rule ("as hell" is rare in neutral text). */
const EN_POST_INTENSIFIERS = `as_hell:1.5 to_death:1.5 out_of_my_mind:1.6 beyond_words:1.5`

const EN_CONTRAST = `but however yet though although nevertheless nonetheless still_though`

export const EN_LEXICON: LexiconSource = {
  terms: EN_TERMS,
  mixed: EN_MIXED,
  blockers: EN_BLOCKERS,
  negators: EN_NEGATORS,
  intensifiers: EN_INTENSIFIERS,
  postIntensifiers: EN_POST_INTENSIFIERS,
  contrast: EN_CONTRAST,
}

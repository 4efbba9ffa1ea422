"""Letters and replies of the demo column, written for Postbag."""

LETTERS = [
    {
        "title": "My best friend only calls when she needs something",
        "slug": "best-friend-only-calls-when-she-needs-something",
        "original_text": (
            "Dear Elizabeth, I don't really know if this is the sort of thing you answer but "
            "here goes. I've been friends with Claire since we were eleven. We went through "
            "school together, she was my bridesmaid, and I was on the phone with her every "
            "night when her marriage fell apart two years ago. I'm not saying that to keep "
            "score, I'm just saying it's a proper friendship. Or it was.\n\n"
            "The thing is, she only rings me now when she needs something. A lift to the "
            "station, someone to have the dog when she goes to her mum's, someone to listen to "
            "her moan about the new bloke. When I had my biopsy in March (it was fine, thank "
            "God) I told her and she sent a heart emoji and that was it. I didn't hear from "
            "her for three weeks and then she rang asking if I could do the school pick-up "
            "because she'd got a dentist appointment.\n\n"
            "I work at the garden centre on the Pembury road and I had a bit of a cry in the "
            "stockroom after that call, which is ridiculous at my age (I'm 44).\n\n"
            "I haven't said anything to her. I don't want to lose her, she's been in my life "
            "longer than anyone apart from my mum. But I feel like a service. Do I say "
            "something or just stop answering? My husband says drop her but it's not that "
            "easy.\n\n"
            "Thanks for reading this."
        ),
        "original_sign_off": "Tired in Tunbridge",
        "body": (
            "Dear Elizabeth,\n\n"
            "I have been friends with the same woman since we were eleven. She was my "
            "bridesmaid, and I was on the phone with her most nights when her marriage ended "
            "two years ago. It is a real friendship, or it was.\n\n"
            "These days she only rings when she needs something: a lift, someone to mind the "
            "dog, someone to hear about the new man. Earlier this year I had a health scare "
            "and told her. She sent a heart emoji, went quiet for three weeks, then called to "
            "ask if I could do her school run.\n\n"
            "I had a cry at work after that call, which feels silly at 44. I haven't said "
            "anything to her because I don't want to lose her; she has been in my life longer "
            "than almost anyone. But I have started to feel like a service rather than a "
            "friend. Do I tell her, or do I just stop picking up?"
        ),
        "sign_off": "Always the One Who Calls",
        "reply": (
            "Dear Always the One Who Calls,\n\n"
            "First, I'm so glad the health scare came to nothing. And second, crying at work "
            "at 44 is not silly. It's what happens when something matters and you've been "
            "pretending it doesn't.\n\n"
            "Here's what I notice in your letter: you've been generous for a very long time, "
            "and somewhere along the way the friendship settled into a shape where you give "
            "and she takes. That shape didn't arrive overnight, and it probably wasn't "
            "planned. People who have been through a rough patch, like a divorce, can get used "
            "to leaning and forget to stop. That doesn't make it fine. It does make it "
            "fixable, possibly.\n\n"
            "Your husband is offering one option and your silence is offering another, but "
            "there's a third you haven't tried yet, which is telling her. Not with a list of "
            "grievances, and not by text. Something like:\n\n"
            "*'I love you and I want to keep you. But lately I only hear from you when you "
            "need a hand, and when I was frightened about my results I felt very on my own. I "
            "miss the two-way version of us.'*\n\n"
            "No verdict, no ultimatum. Then watch what she does with it.\n\n"
            "- If she's mortified and starts showing up, you've got your friend back, and "
            "possibly a better version of her.\n"
            "- If she gets defensive but comes round a week later, that's human. Give it time.\n"
            "- If she shrugs and asks whether you can still do Thursday, you've learned "
            "something painful but useful.\n\n"
            "Meanwhile, you're allowed to say no to the lifts and the dog-sitting while you "
            "work out how you feel. Saying no isn't punishing her; it's stopping the pattern "
            "from running on autopilot.\n\n"
            "**Thirty-odd years is a long time, which is exactly why it deserves one honest "
            "conversation before you decide anything.** You don't need to drop her, and you "
            "don't need to keep quiet. You just need to stop carrying this on your own."
        ),
        "reply_sign_off": "Big love, Elizabeth",
        "themes": ["one-sided-effort", "friendship"],
        "days_ago": 3,
        "status": "published",
    },
    {
        "title": "I wasn't invited to my oldest friend's hen do",
        "slug": "wasnt-invited-to-my-oldest-friends-hen-do",
        "original_text": (
            "Hi Elizabeth\n\n"
            "I found out from Instagram that my friend Becky had her hen weekend in Edinburgh "
            "and I wasn't invited. There were eleven of them. I know most of them, two of them "
            "I introduced her to!! We've been mates since sixth form and I'm still invited to "
            "the wedding (evening only, which I'm now realising is its own message).\n\n"
            "I haven't said anything. I liked the photos because I didn't want to look bitter. "
            "But I've not slept properly since. I keep going back over the last year trying to "
            "work out what I did. I did miss her birthday meal in February because my nan was "
            "in hospital, but I explained that and she said it was fine.\n\n"
            "The worst bit is seeing Jess in all the photos, who she met through me at my "
            "30th, right next to her in every single one with matching sashes. I know it's "
            "petty. I'm 33, I shouldn't care about sashes.\n\n"
            "Should I ask her why? Or is it too late and I'll just look needy. Part of me "
            "wants to not go to the wedding at all.\n\n"
            "Thanks"
        ),
        "original_sign_off": "Gutted in Gateshead",
        "body": (
            "Dear Elizabeth,\n\n"
            "I found out on social media that a friend I've known since sixth form had her hen "
            "weekend, and I wasn't invited. Eleven women went, most of whom I know, and two of "
            "whom I introduced her to. I am still invited to the wedding, but only to the "
            "evening, which I'm now realising says something too.\n\n"
            "I liked the photos so I wouldn't look bitter, but I've barely slept since. I keep "
            "combing through the past year for what I did wrong. I missed her birthday meal "
            "because my grandmother was in hospital, but she said that was fine.\n\n"
            "Worst of all is seeing the friend she met through me standing next to her in "
            "every picture. I know that's petty. Should I ask her why, or is it too late? Part "
            "of me doesn't want to go to the wedding at all."
        ),
        "sign_off": "Left Off the List",
        "reply": (
            "Dear Left Off the List,\n\n"
            "Oh, that particular sting of finding out from a photo. You didn't even get the "
            "dignity of being told; you were just shown. No wonder you're lying awake.\n\n"
            "Let's take the petty bit first, because it isn't petty. Seeing someone you "
            "brought into the circle standing exactly where you expected to stand is a real "
            "loss, and jealousy is simply the name we give to the fear of being replaced. You "
            "don't have to act on it. You're allowed to feel it.\n\n"
            "Now the harder part. Weddings are brutal for friendships. Hen lists get drawn up "
            "by committees, budgets, bridesmaids and future mothers-in-law, and sometimes a "
            "person is left off for reasons that have nothing to do with love and everything "
            "to do with a spreadsheet. Sometimes, though, it really is a message: the "
            "friendship has changed shape, and she's let the invitations say what she "
            "couldn't.\n\n"
            "You can't know which by staring at sashes at two in the morning. So yes, ask her, "
            "but ask for the right thing. Not 'why wasn't I invited?', which puts her on "
            "trial, but something closer to:\n\n"
            "*'I'll be honest, I was hurt not to be at the hen. I'm not after an apology. I "
            "just miss you, and I'd like to know where we are.'*\n\n"
            "Her answer, or her silence, will give you something firmer than guesswork.\n\n"
            "As for the wedding, don't decide yet. Skipping it in a sulk will feel good for "
            "about an afternoon and then become the story of how the friendship ended. Going, "
            "dancing, and leaving when you've had enough is perfectly dignified. If, after "
            "talking to her, you'd rather not go, decline warmly and send a card. Either is "
            "fine, as long as it's a choice and not a punishment.\n\n"
            "**Whatever she says, please stop auditing the last twelve months for your "
            "crime.** You missed a meal because your nan was in hospital. That's life, not a "
            "betrayal. If she has drifted, it isn't proof you were lacking. It's proof that "
            "friendships move, and the ones that matter most to us don't always keep pace."
        ),
        "reply_sign_off": "With love, Elizabeth",
        "themes": ["rejection", "friendship", "jealousy"],
        "days_ago": 17,
        "status": "published",
    },
    {
        "title": "He ghosted me after three perfect dates",
        "slug": "ghosted-after-three-perfect-dates",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "I'm 29 and I met a guy on an app about six weeks ago. We went on three dates and "
            "honestly they were the best dates I've had in years. The first one we were in the "
            "pub until they kicked us out. The second he cooked for me at his flat in "
            "Pontcanna. The third we went to the coast and he held my hand the whole walk back "
            "to the car and said he hadn't felt like this in ages. His words not mine.\n\n"
            "Then nothing. I texted the next day to say I'd had a lovely time. Blue ticks. I "
            "waited four days and sent a funny meme about something we'd talked about. Blue "
            "ticks. That was eleven days ago.\n\n"
            "I know everyone says ghosting is about them not you but it really doesn't feel "
            "like that. I keep thinking it was something I said on the third date, I talked "
            "quite a lot about my dad who died last year and maybe that was too much too soon? "
            "Or maybe he saw me without make-up in the morning and that was that.\n\n"
            "My friends are sick of hearing about it. I've deleted the app. I just want to "
            "know what I did wrong so I don't do it again.\n\n"
            "Thank you x"
        ),
        "original_sign_off": "Confused in Cardiff",
        "body": (
            "Dear Elizabeth,\n\n"
            "I met a man through an app six weeks ago and we went on three dates that were "
            "honestly the best I've had in years. On the third, walking back from the coast "
            "holding hands, he told me he hadn't felt like this in ages.\n\n"
            "Then nothing. I texted the next day to say I'd had a lovely time, and he read it "
            "and didn't reply. Four days later I sent something light about a joke we'd "
            "shared. Read, no reply. That was eleven days ago.\n\n"
            "Everyone says ghosting is about them, not you, but it doesn't feel that way. I "
            "keep wondering if I talked too much about my dad, who died last year, or if "
            "seeing me without make-up was the problem. My friends are tired of hearing about "
            "it and I've deleted the app. I just want to know what I did wrong so I don't do "
            "it again."
        ),
        "sign_off": "Left on Read",
        "reply": (
            "Dear Left on Read,\n\n"
            "I'm going to answer your actual question, because you deserve a straight answer: "
            "you didn't do anything wrong.\n\n"
            "I know that's the line everyone gives you, and I know it feels like a consolation "
            "prize, so let me explain why I mean it. You talked about your dad. You let him "
            "see you first thing in the morning. In other words, you were a real person with a "
            "real history and a face that exists before mascara. If either of those sent him "
            "running, he was never going to manage the long haul anyway, because the long haul "
            "is full of grief and bare faces. Better to find out on date three than in year "
            "three.\n\n"
            "More likely, though, it had nothing to do with you at all. People vanish for all "
            "sorts of reasons: an ex who reappeared, cold feet, a sudden sense that things "
            "were moving faster than they could handle, or plain cowardice about saying 'I'm "
            "not ready'. What he said on that walk was probably true in the moment. Feeling "
            "something and being able to act on it are two different skills, and he only had "
            "one of them.\n\n"
            "Here's what I'd like you to take away instead of a list of faults:\n\n"
            "- You can still have brilliant chemistry with someone. That's good news.\n"
            "- Your texts were warm and proportionate. You don't need to be cooler next time.\n"
            "- **Silence is an answer, even when it's a rude one.** You don't have to wait for "
            "a better one.\n\n"
            "Deleting the app is fine for now. Take a breather. But please don't make a rule "
            "that you'll be less open with the next person. The openness isn't the flaw. It's "
            "the very thing that will eventually let the right person know you.\n\n"
            "And if your friends are flagging, write it all down one last time, every "
            "unanswered question, and then close the notebook. You're allowed to stop trying "
            "to solve a puzzle that was never yours to solve."
        ),
        "reply_sign_off": "Warmly, Elizabeth",
        "themes": ["rejection", "dating", "self-worth"],
        "days_ago": 31,
        "status": "published",
    },
    {
        "title": "Nothing I do is ever good enough for my mother",
        "slug": "nothing-i-do-is-ever-good-enough-for-my-mother",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "I'm forty years old and I still go to pieces every time I visit my mother. She "
            "lives about twenty minutes away in Knaresborough so I see her most Sundays. Every "
            "single visit there's something. My hair is too short, my kitchen (she came round "
            "once) is 'a bit much', I've 'let myself go a bit since the baby' (the baby is "
            "six). Last week I told her I'd been made head of department at school and she "
            "said 'well I hope they're paying you for all those extra hours, you look "
            "shattered'.\n\n"
            "I know she loves me. She had a hard upbringing herself and her own mother was far "
            "worse. But I go home and feel about nine years old and then I snap at my husband "
            "and the kids and hate myself for it.\n\n"
            "My brother lives in Spain and she thinks he walks on water, even though he rings "
            "her about twice a year.\n\n"
            "I've tried telling her it upsets me and she cries and says she can't say anything "
            "right and she's only trying to help, and then I end up comforting her. How do I "
            "get her to stop? Or how do I stop caring what she thinks? I'm so tired of it."
        ),
        "original_sign_off": "Forty and Still Trying, Harrogate",
        "body": (
            "Dear Elizabeth,\n\n"
            "I'm forty and I still fall apart after visits to my mother, whom I see most "
            "Sundays. There's always something: my hair, my kitchen, that I've 'let myself go' "
            "since having my youngest, who is now six. When I told her I'd been promoted, she "
            "said she hoped they were paying me for the extra hours, because I looked "
            "shattered.\n\n"
            "I know she loves me, and her own childhood was much harder than mine. But I come "
            "home feeling about nine years old, then snap at my husband and children and hate "
            "myself for it. Meanwhile my brother, who rings her twice a year from abroad, can "
            "do no wrong.\n\n"
            "When I've told her it upsets me, she cries, says she can't say anything right, "
            "and I end up comforting her. How do I get her to stop? Or how do I stop caring "
            "what she thinks?"
        ),
        "sign_off": "Still Auditioning",
        "reply": (
            "Dear Still Auditioning,\n\n"
            "Congratulations on the promotion. I'm saying it because it sounds as though "
            "nobody in that kitchen did, and it deserves saying.\n\n"
            "Now, your two questions. The honest answer to the first is that you probably "
            "can't make her stop. A woman who learned to show love by finding faults has had "
            "decades of practice, and tears are her well-worn exit whenever she's challenged. "
            "The answer to the second is that you don't need to stop caring altogether. You "
            "need to stop letting her verdict be the final one.\n\n"
            "A few things that tend to help:\n\n"
            "**See less of her, on purpose.** Every Sunday is a lot of exposure to someone who "
            "unsettles you. Try every other week, or swap the long lunch for a walk or a café, "
            "somewhere with a natural end and other people around.\n\n"
            "**Have a stock response, and keep it boring.** When she starts on your hair, try "
            "a cheerful 'I like it' and a change of subject. Don't defend, don't explain. "
            "Explaining tells her the comment landed, and it keeps you on trial.\n\n"
            "**Don't treat her tears as your cue to apologise.** You can be kind without "
            "backing down: 'I can see you're upset. I'm not cross, I'd just like us to talk "
            "about something else.' Then do.\n\n"
            "**Plan the decompression.** Ten minutes in the car, a song, a walk round the "
            "block before you go in to your family. The snapping is what happens when the "
            "nine-year-old comes home with you. Give her somewhere to go first.\n\n"
            "As for your brother, he gets the golden-boy treatment partly *because* he isn't "
            "there. Distance makes him easy to admire; proximity makes you easy to pick at. "
            "That isn't a measure of which of you is more loved or more worthy. It's a measure "
            "of who's in range.\n\n"
            "You are a head of department, a mother and a daughter who keeps turning up. None "
            "of that needs her signature to be true."
        ),
        "reply_sign_off": "With love, Elizabeth",
        "themes": ["family", "boundaries", "self-worth"],
        "days_ago": 52,
        "status": "published",
    },
    {
        "title": "My ex-husband's new life is all over my phone",
        "slug": "ex-husbands-new-life-is-all-over-my-phone",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "My husband left me last autumn after 22 years. He'd met someone at his running "
            "club. She's 41, I'm 54. I found out because I saw a message come up on his phone "
            "while he was in the shower, which I know is a cliche but there it is.\n\n"
            "The divorce is going through and we've sold the house in Eaton. I'm in a rented "
            "flat now which is fine. The kids are grown up and have been brilliant.\n\n"
            "My problem is I can't stop looking at her social media. She posts everything. "
            "Their trip to the Lakes, a new sofa, him in a wetsuit (he's never been in the sea "
            "in his life!!). Every night I tell myself I won't and then at 3am I'm lying there "
            "scrolling and comparing myself. Her skin, her clothes, her little dog. Then I "
            "look in the mirror in the morning and think no wonder.\n\n"
            "I used to be quite a confident person. I ran the PTA for years, I organised "
            "everyone. Now I feel like a discarded old coat. My sister says block her but that "
            "feels like admitting something. I don't even know what.\n\n"
            "How do I stop this?"
        ),
        "original_sign_off": "Scrolling at 3am, Norwich",
        "body": (
            "Dear Elizabeth,\n\n"
            "My husband left me last autumn after 22 years, for a woman he met at his running "
            "club. She's 41; I'm 54. The divorce is going through, the house is sold and I'm "
            "in a rented flat. My grown-up children have been wonderful.\n\n"
            "My problem is that I can't stop looking at her social media. She posts "
            "everything: their holidays, their new sofa, him in a wetsuit, though I never once "
            "saw him go in the sea. Every night I promise myself I won't look, and every night "
            "I end up scrolling at 3am, comparing her skin, her clothes, her life with mine. "
            "In the morning I look in the mirror and think: no wonder.\n\n"
            "I used to be confident. I ran things. Now I feel like an old coat someone left "
            "behind. My sister says block her, but that feels like admitting something. How do "
            "I stop?"
        ),
        "sign_off": "Can't Stop Looking",
        "reply": (
            "Dear Can't Stop Looking,\n\n"
            "You're doing something almost everybody does after a betrayal: pressing on the "
            "bruise to check it still hurts. It does. It will keep hurting for as long as you "
            "keep pressing.\n\n"
            "Let me say something about the comparing, because I think that's the real wound. "
            "You are lying in the dark, at the lowest hour of the night, holding your whole "
            "self up against a few carefully chosen squares of someone else's life. Nobody "
            "wins that contest, including her. What you're seeing isn't her life. It's a "
            "highlights reel, edited, at least partly, for an audience she knows includes you.\n\n"
            "And the wetsuit? That's a man reinventing himself in public. It may even suit "
            "him. It tells you nothing about your worth. He didn't leave because you were "
            "lacking; he left because he chose to, and that choice says far more about him "
            "than about you.\n\n"
            "As for your sister's advice, blocking her isn't admitting defeat. **It's "
            "admitting you're human, and that this particular window makes you feel "
            "dreadful.** You wouldn't keep a cupboard full of something that made you ill and "
            "call it willpower. If blocking feels too final, mute her, take the app off your "
            "phone for a month, or charge the phone in the kitchen overnight. Make the 3am "
            "version of you work much harder to get to it.\n\n"
            "Then fill the space, deliberately:\n\n"
            "- Something for the evenings that uses your hands: a class, a choir, a stack of "
            "library books.\n"
            "- One thing a week the old organising you would have loved. Volunteer, join a "
            "committee, boss somebody about.\n"
            "- A word with your GP if the sleeplessness goes on. Grief and insomnia feed each "
            "other.\n\n"
            "You didn't stop being the woman who ran things. She's still in there; she's just "
            "been knocked sideways by something enormous. Give her a little less of them to "
            "look at and a little more of her own life, and I think you'll find her again."
        ),
        "reply_sign_off": "Warmly, Elizabeth",
        "themes": ["breakups", "jealousy", "self-worth"],
        "days_ago": 78,
        "status": "published",
    },
    {
        "title": "I moved for a job and I don't have a single friend here",
        "slug": "moved-for-a-job-and-dont-have-a-single-friend",
        "original_text": (
            "Hello Elizabeth,\n\n"
            "Eight months ago I moved to Leeds for a job at an engineering firm near the "
            "station. I'm 34, single, and I didn't know anybody here. I thought I'd make "
            "friends through work but everyone is either married with kids and rushing home, "
            "or in their twenties and going out on Thursdays in a way I just can't anymore.\n\n"
            "At the weekend I sometimes don't speak to another person from Friday evening till "
            "Monday morning. Last Saturday the only conversation I had was with the woman at "
            "the bakery and I found myself dragging it out because I wanted it to last. That's "
            "when I thought I'd better write to someone.\n\n"
            "My friends back home in Bristol are lovely but they've got their own lives and "
            "the calls have got shorter. I tried a pottery class but everyone came in pairs "
            "and left in pairs.\n\n"
            "I'm not depressed exactly. I'm just lonely in a way I didn't know was possible. "
            "And a bit embarrassed that I can't seem to manage something that should be easy. "
            "How does anybody make friends as an adult? It feels like all the doors closed "
            "while I wasn't looking."
        ),
        "original_sign_off": "New Girl in Leeds",
        "body": (
            "Dear Elizabeth,\n\n"
            "Eight months ago I moved to a new city for work. I'm 34, single, and I knew "
            "nobody. I thought I'd make friends at work, but my colleagues are either rushing "
            "home to young children or in their twenties and going out on weeknights in a way "
            "I can't keep up with.\n\n"
            "Some weekends I don't speak to anyone from Friday evening to Monday morning. Last "
            "Saturday I caught myself dragging out a conversation with the woman in the bakery "
            "just because I didn't want it to end.\n\n"
            "My old friends are lovely, but the calls are getting shorter. I tried a pottery "
            "class, but everyone arrived in pairs and left in pairs. I'm not depressed, "
            "exactly. I'm just lonely in a way I didn't know was possible, and embarrassed "
            "that something so basic feels so hard. How does anyone make friends as an adult?"
        ),
        "sign_off": "Table for One",
        "reply": (
            "Dear Table for One,\n\n"
            "First, let's put the embarrassment down, because it's heavier than it needs to "
            "be. Making friends as an adult isn't easy. It's one of the least talked-about "
            "hard things there is. At school, friendship happens to you: same room, same "
            "faces, every day, for years. Grown-up life removes all of that and then wonders "
            "why we're lonely.\n\n"
            "So the trick is to put those conditions back on purpose. Friendship is built, "
            "more than anything, on repeated, low-stakes contact with the same people. A "
            "one-off class, however nice, was never going to do it. Pick something that "
            "happens weekly and stick with it for at least three months:\n\n"
            "- A running or walking group that meets at the same time every week.\n"
            "- A choir, a quiz team, a volunteering shift. Anything where you're *expected* "
            "back.\n"
            "- A course that runs for a term, not a single evening.\n\n"
            "Then be the person who suggests a coffee afterwards. It feels excruciating the "
            "first time. Say it anyway. Most people in that room are waiting for someone else "
            "to go first, and the ones who came in pairs often want more company than they let "
            "on.\n\n"
            "At work, don't write off the colleagues with small children. They can't do "
            "Thursday nights, but plenty of them would love a lunchtime walk or a Saturday "
            "morning in the park, and some are lonelier than you'd think.\n\n"
            "**The bakery conversation isn't a sad story. It's proof you're still reaching "
            "out, which is exactly what you need to keep doing.** Go back. Learn her name. "
            "Regulars become acquaintances, and acquaintances are where friends come from.\n\n"
            "With your friends back home, try swapping long catch-up calls for a quick voice "
            "note or a silly photo a couple of times a week. Little and often keeps a "
            "friendship warm better than a monthly marathon.\n\n"
            "Give yourself a year, not a month. The doors haven't closed. They're just heavier "
            "than they used to be, and you have to lean on them a bit."
        ),
        "reply_sign_off": "Big love, Elizabeth",
        "themes": ["loneliness", "friendship"],
        "days_ago": 104,
        "status": "published",
    },
    {
        "title": "My boyfriend never plans anything",
        "slug": "boyfriend-never-plans-anything",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "I've been seeing Tom for just over a year. He's kind, funny, good in bed (sorry), "
            "and my friends like him. But I am starting to feel like his PA.\n\n"
            "I book the restaurants. I suggest the weekends away. I remembered his mum's "
            "birthday and bought the card. When we go to the cinema I pick the film and the "
            "time and buy the tickets. If I don't text first in the morning we can go a whole "
            "day without speaking, and then at ten at night I get 'hey you' like nothing "
            "happened.\n\n"
            "I tested it last month. I didn't suggest anything for two weeks. We saw each "
            "other once, because I cracked and asked if he wanted to come over. He said 'oh "
            "yeah I was wondering when you'd be free'. WONDERING. He has a phone.\n\n"
            "When I've brought it up he says he's 'just not a planner' and he's 'happy to do "
            "whatever I want'. Which sounds nice but it's not the point.\n\n"
            "I'm 31 and I want to get married and have kids eventually. Is this a dealbreaker "
            "or am I being high maintenance? My sister says men are just like this but I don't "
            "think my dad ever was."
        ),
        "original_sign_off": "The Social Secretary, Brighton",
        "body": (
            "Dear Elizabeth,\n\n"
            "I've been seeing my boyfriend for just over a year. He's kind and funny and my "
            "friends like him. But I'm beginning to feel like his assistant.\n\n"
            "I book the restaurants, suggest the weekends away, remember his mother's "
            "birthday. If I don't text first in the morning, we can go all day without "
            "speaking, until a 'hey you' at ten at night.\n\n"
            "Last month I tested it by not suggesting anything for two weeks. We saw each "
            "other once, and only because I cracked and invited him over. He said he'd been "
            "'wondering when I'd be free'.\n\n"
            "When I raise it, he says he isn't a planner and he's happy to do whatever I want. "
            "That sounds lovely, but it isn't the point. I'm 31 and I'd like marriage and "
            "children eventually. Is this a dealbreaker, or am I being high-maintenance?"
        ),
        "sign_off": "Unpaid Events Manager",
        "reply": (
            "Dear Unpaid Events Manager,\n\n"
            "You're not high-maintenance. You're asking to be met halfway, which is the "
            "minimum, not the deluxe package.\n\n"
            "'I'm just not a planner' is one of those phrases that sounds like a personality "
            "trait and works like an exemption. Almost nobody is 'just not a planner' about "
            "the things they truly want. He gets himself to work, sees his mates, presumably "
            "books the odd haircut. The planning muscle exists. It simply hasn't been needed "
            "in your relationship, because you've been using yours for both of you.\n\n"
            "That said, your experiment told you something useful, and it isn't necessarily "
            "'he doesn't care'. It told you he's passive, and comfortable. The real question "
            "is whether he can change once he understands what it costs you, and you won't "
            "know that until you've told him plainly. Not as a test, and not as a complaint "
            "about restaurant bookings, but as the bigger thing it really is:\n\n"
            "*'I don't need you to become an organiser. I need to know you think about me when "
            "I'm not in front of you. When I'm the only one reaching out, I start to feel I'm "
            "more into this than you are.'*\n\n"
            "Then ask for something specific and small. He plans one date a month, start to "
            "finish. He texts first sometimes. He remembers one family birthday without a "
            "nudge. These aren't grand gestures; they're evidence.\n\n"
            "**Give it a few months, and watch what he does rather than what he promises.** If "
            "he steps up, even clumsily, that's a man who's learning. If the effort fizzles "
            "after a fortnight and you're back to buying the cinema tickets, that's your "
            "answer too.\n\n"
            "You're right to think ahead. Marriage and children involve ten thousand small "
            "logistics: appointments, birthdays, school forms, who's collecting whom. If "
            "you're already the only one carrying the diary at 31, imagine the load at 38 with "
            "a toddler. Your sister may be right that some men are like this. You don't have "
            "to marry one of them."
        ),
        "reply_sign_off": "With love, Elizabeth",
        "themes": ["one-sided-effort", "dating"],
        "days_ago": 133,
        "status": "published",
    },
    {
        "title": "My sister keeps borrowing money and never pays it back",
        "slug": "sister-keeps-borrowing-money-never-pays-it-back",
        "original_text": (
            "Dear Elizabeth\n\n"
            "My younger sister Kerry has borrowed money from me on and off for about five "
            "years. It started small, fifty quid here and there, but last year it was £600 for "
            "her car and then £400 for her rent when she was between jobs. I worked it out the "
            "other night and it's over £2,300 in total. She has paid back maybe £150 of it.\n\n"
            "I'm not rich. I work in a call centre and I'm a single parent. I had to say no to "
            "my son's school trip this term because money's tight and that's when I really "
            "lost it in my head.\n\n"
            "The thing is every time she asks it's an emergency and she cries and says I'm the "
            "only one she can ask. Our mum passed away four years ago and since then I think "
            "I've sort of become the mum. She's 28.\n\n"
            "Meanwhile she's just been on a hen do to Magaluf. I saw the pictures.\n\n"
            "I don't want to fall out with her, she's the only family I've got apart from my "
            "son. But I can't keep doing this. How do I say no without her hating me? And do I "
            "ask for the money back?"
        ),
        "original_sign_off": "Skint in Swindon",
        "body": (
            "Dear Elizabeth,\n\n"
            "For about five years my younger sister has been borrowing money from me. It "
            "started with small amounts, but last year it was £600 for her car and £400 for "
            "rent. The other night I added it up: over £2,300, of which she has paid back "
            "perhaps £150.\n\n"
            "I'm not well off. I'm a single parent, and this term I had to tell my son he "
            "couldn't go on a school trip. Meanwhile my sister has just been abroad on a hen "
            "weekend.\n\n"
            "Every time she asks, it's an emergency, she cries, and I'm the only one she can "
            "turn to. Our mum died four years ago, and I think I've slowly become her mum. "
            "She's 28.\n\n"
            "She's the only family I have apart from my son, and I don't want to lose her. But "
            "I can't go on like this. How do I say no without her hating me? And should I ask "
            "for the money back?"
        ),
        "sign_off": "Human Cash Machine",
        "reply": (
            "Dear Human Cash Machine,\n\n"
            "Let me start with the school trip, because that's the line in your letter that "
            "matters most. Your son went without so that your adult sister could be bailed "
            "out. You already know that's the wrong way round. That's why it hurt so much, and "
            "it's why you're writing now.\n\n"
            "When your mum died, you stepped into a gap, and that was loving and brave. But "
            "part of a mother's job, eventually, is letting a child stand on her own feet. At "
            "28 your sister doesn't need another rescue. She needs someone to stop catching "
            "her so she can learn to catch herself.\n\n"
            "So yes, you can say no. Here's how to make it easier on both of you:\n\n"
            "- **Decide before she asks.** Emergencies are built to rush you. Make the "
            "decision now, in the calm: no more loans. Then you're not deciding in the moment, "
            "only reporting.\n"
            "- **Keep it short and warm.** 'I love you, and I can't lend money any more. It's "
            "hurting me and my boy. I'll help in other ways.' Skip the long justifications; "
            "every extra reason is something to argue with.\n"
            "- **Offer what you can afford.** Help with a budget, a lift to an interview, "
            "Sunday dinner. Love doesn't have to come in cash.\n\n"
            "She might cry. She might sulk for a while. People who've come to rely on a safety "
            "net rarely thank you for taking it away. That's not hatred, it's adjustment, and "
            "it usually passes once she sees you mean it and still love her.\n\n"
            "As for the £2,300, be realistic. Demand it all back and you'll probably get "
            "neither the money nor the peace. But you're entitled to ask for a small, regular "
            "amount, say twenty pounds a month by standing order. It's less about the money "
            "than about her taking responsibility for it. If she agrees, good. If she refuses, "
            "you've learned something about how she sees your help.\n\n"
            "**You can be her sister without being her bank.** In the long run she'll probably "
            "respect you more for it, and so will you."
        ),
        "reply_sign_off": "Warmly, Elizabeth",
        "themes": ["family", "boundaries", "one-sided-effort"],
        "days_ago": 160,
        "status": "published",
    },
    {
        "title": "I asked him out, he said no, and I see him every day",
        "slug": "asked-him-out-he-said-no-see-him-every-day",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "I did something very brave and very stupid. There's a man at work, Dan, who I've "
            "been friendly with for about a year. We have lunch together most days in the "
            "canteen at the insurance place where we both work, we message at weekends about "
            "football, he laughs at my jokes. I really thought there was something there.\n\n"
            "So at the Christmas do I asked him if he'd like to go for a drink, just the two "
            "of us, as a date. He went red and said he was really flattered but he didn't see "
            "me that way and he hoped it wouldn't make things weird.\n\n"
            "It has made things weird. Or I have. I've stopped going to lunch. I take the "
            "stairs so I don't end up in the lift with him. He said hi in the kitchen "
            "yesterday and I pretended I had a call.\n\n"
            "I'm 37. I keep thinking that if a man who already likes me as a person doesn't "
            "fancy me then what hope is there with strangers. I've put on weight over the last "
            "couple of years and I'm convinced that's it.\n\n"
            "How do I go back to normal at work? And how do I stop feeling like such a fool?"
        ),
        "original_sign_off": "Mortified in Manchester",
        "body": (
            "Dear Elizabeth,\n\n"
            "For a year I've been friendly with a man at work. We have lunch together most "
            "days, message about football at weekends, and he laughs at my jokes. I really "
            "believed there was something there.\n\n"
            "At the Christmas party I asked him out for a drink, as a date. He blushed, said "
            "he was flattered but didn't see me that way, and hoped it wouldn't make things "
            "awkward.\n\n"
            "It has, or rather I have. I've stopped going to lunch. I take the stairs to avoid "
            "sharing the lift. When he said hello in the kitchen yesterday, I pretended to "
            "take a call.\n\n"
            "I'm 37, and I keep thinking that if a man who already likes me as a person "
            "doesn't fancy me, what hope do I have with strangers? I've put on weight in the "
            "last couple of years and I'm convinced that's why. How do I get back to normal, "
            "and stop feeling like such a fool?"
        ),
        "sign_off": "Red Faced by the Kettle",
        "reply": (
            "Dear Red Faced by the Kettle,\n\n"
            "Can I start by pointing out what you actually did? You liked someone, you told "
            "him clearly and kindly, and you took a risk most people spend their lives "
            "avoiding. That isn't foolish. It's the bravest move in the whole business, and "
            "you did it in person, at a Christmas party, with no screen to hide behind. I'm "
            "slightly in awe.\n\n"
            "And look at how he answered. He was flattered, he was honest, and he told you he "
            "wanted to keep the friendship. That's a man who likes you a great deal. He just "
            "doesn't fancy you, and that is nobody's fault.\n\n"
            "Here's the part I most want you to hear: **attraction isn't a grade.** It isn't a "
            "measure of your weight, your worth or your chances with anyone else. It's a "
            "strange, particular chemistry that either happens between two people or doesn't. "
            "Plenty of lovely, lovable people are not fancied by plenty of other lovely, "
            "lovable people. One no from one man tells you about one pairing, not about you.\n\n"
            "Now, work. At the moment you're hiding, and I understand why, but hiding keeps "
            "the embarrassment fresh. Every dodged lift tells both of you this is still A "
            "Thing. The quickest way back to normal is to act normal before you feel it:\n\n"
            "- Go back to lunch this week. Not every day at first, just once.\n"
            "- If it helps, say one light sentence: 'Sorry I went a bit odd. I'm fine, "
            "honestly, and I've missed our lunches.' Then talk about the football.\n"
            "- Let the rest look after itself.\n\n"
            "He'll very likely be relieved. People in his position usually worry just as much "
            "about losing a friend as you do about facing him.\n\n"
            "As for the strangers, you now know you're someone who can say what she wants out "
            "loud. That's a tremendous thing to have. Take it with you."
        ),
        "reply_sign_off": "Big love, Elizabeth",
        "themes": ["rejection", "self-worth"],
        "days_ago": 199,
        "status": "published",
    },
    {
        "title": "My husband and I live like flatmates",
        "slug": "husband-and-i-live-like-flatmates",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "I've been married to Graham for 26 years. He's not a bad man, he doesn't drink, "
            "he's never raised a hand or even his voice to me. But we don't really talk any "
            "more. He comes home from the depot, eats his tea, and goes to his chair in the "
            "back room with the telly and his phone. I sit in the front room with mine. We go "
            "to bed at different times.\n\n"
            "I've tried. I booked us a weekend in Whitby for our anniversary and he spent most "
            "of it checking the cricket. I've suggested dancing classes, walks, even just "
            "having our tea at the table instead of on our laps. He says 'if you like' and "
            "then forgets.\n\n"
            "Our youngest left for university in September and since then the house has gone "
            "so quiet I can hear the clock in the hall. I'm 52. I feel lonelier now than when "
            "I lived on my own in my twenties. At least then I knew I was alone.\n\n"
            "I don't want a divorce. I don't think I do anyway. I just want my husband to look "
            "at me like he's pleased I'm there. Is that too much to ask after this long?"
        ),
        "original_sign_off": "Lonely in Lincoln",
        "body": (
            "Dear Elizabeth,\n\n"
            "I've been married for 26 years. My husband isn't a bad man; he has never raised a "
            "hand or even his voice. But we don't really talk any more. He comes home, eats, "
            "and settles in the back room with the television and his phone. I sit in the "
            "front room with mine. We go to bed at different times.\n\n"
            "I have tried. I booked an anniversary weekend away and he spent it checking "
            "sports scores. I've suggested dancing lessons, walks, eating at the table instead "
            "of on our laps. He says 'if you like', then forgets.\n\n"
            "Our youngest left for university in the autumn and the house is so quiet I can "
            "hear the hall clock. I'm 52, and I feel lonelier now than I did living alone in "
            "my twenties. I don't want a divorce. I just want my husband to look at me as if "
            "he's glad I'm there. Is that too much to ask after this long?"
        ),
        "sign_off": "Two Sofas, One House",
        "reply": (
            "Dear Two Sofas, One House,\n\n"
            "No, it isn't too much to ask. It's what a marriage is for.\n\n"
            "What you're describing is one of the loneliest places a person can be: not alone, "
            "but unseen by the one person who's supposed to see you most. And an empty nest "
            "has a way of turning the volume up on it. For twenty-odd years the children were "
            "the conversation, the calendar, the reason to sit at the same table. Take them "
            "away and you're left looking at whatever was underneath.\n\n"
            "You've done a great deal of inviting: weekends, classes, walks. So I'm not going "
            "to suggest another outing, because I don't think the problem is that you haven't "
            "found the right activity. I think the problem is that he doesn't know, in plain "
            "words, how unhappy you are. 'If you like' is the reply of a man who thinks he's "
            "being asked about dancing. He needs to understand he's being asked about his "
            "marriage.\n\n"
            "So tell him, at a quiet moment, with the television off:\n\n"
            "*'Since the kids left, I've been lonelier than I've ever been in my life, and I'm "
            "lonely with you in the next room. I don't want to live like this for the next "
            "twenty years. I need us to do something about it, together.'*\n\n"
            "It may shock him. Good. Sometimes a person needs a jolt to look up.\n\n"
            "Then I'd gently suggest couples counselling. Not because you're on the brink, but "
            "because a neutral third person in the room makes 'if you like' a much harder "
            "answer to get away with. He may have a few things of his own he's been "
            "swallowing. It's common for one partner to go quiet after the children leave "
            "without quite knowing why.\n\n"
            "**And while you wait for him, don't just wait.** Build some warmth of your own: "
            "friends, a class you'd enjoy even without him, anything that makes the house feel "
            "less like a waiting room. That isn't giving up on him. It's making sure you don't "
            "disappear while he catches up."
        ),
        "reply_sign_off": "With love, Elizabeth",
        "themes": ["loneliness", "one-sided-effort"],
        "days_ago": 241,
        "status": "published",
    },
    {
        "title": "My ex wants us to stay friends, and I can't",
        "slug": "ex-wants-us-to-stay-friends-and-i-cant",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "My boyfriend of four years ended things in the summer. He was gentle about it, he "
            "said he'd just stopped feeling it and it wasn't fair to keep going. I was "
            "devastated but I didn't beg, I'm quite proud of that.\n\n"
            "The trouble is he wants us to be friends. He messages me most weeks. How's work, "
            "did I see that thing on telly, he found a jumper of mine and can he drop it "
            "round. Last week he asked if I wanted to go to our friend Priya's birthday "
            "together 'so it's not awkward for everyone'. He genuinely thinks he's being nice.\n\n"
            "Every time his name comes up on my phone my stomach drops and I'm back to square "
            "one. I'd only just got to the point of not crying on the bus to work.\n\n"
            "Our friends all think it's lovely that we're being so grown up about it. I feel "
            "like if I tell him to stop I'll be the bitter one, the one who couldn't handle "
            "it. And I do still love him, which is the worst bit. Part of me thinks friendship "
            "is better than nothing.\n\n"
            "Is it? Or am I allowed to just say no?"
        ),
        "original_sign_off": "Heartsore in Harlow",
        "body": (
            "Dear Elizabeth,\n\n"
            "My boyfriend of four years ended things in the summer. He was gentle; he said "
            "he'd stopped feeling it and it wasn't fair to carry on. I was devastated, but I "
            "didn't beg.\n\n"
            "Now he wants us to be friends. He messages most weeks, about work, something on "
            "television, a jumper of mine he wants to drop round. Last week he suggested we go "
            "to a mutual friend's birthday together so it wouldn't be awkward. He honestly "
            "thinks he's being kind.\n\n"
            "Every time his name appears on my phone, my stomach drops and I'm back at the "
            "beginning. I had only just stopped crying on my commute.\n\n"
            "Our friends think it's wonderful that we're being so grown-up. I'm afraid that if "
            "I ask him to stop, I'll be the bitter one who couldn't cope. And I still love "
            "him. Part of me thinks friendship is better than nothing. Is it? Or am I allowed "
            "to say no?"
        ),
        "sign_off": "Not Ready to Be Mates",
        "reply": (
            "Dear Not Ready to Be Mates,\n\n"
            "You're allowed to say no. You're allowed to say it without a good enough reason, "
            "though you happen to have an excellent one: it hurts.\n\n"
            "Here's what I think is going on. He has finished grieving the relationship, or "
            "most of it, because he did much of his grieving before he ended it. You're at the "
            "start of yours. To him these messages are a friendly hand on the shoulder. To you "
            "they're a plaster ripped off every Tuesday. You're not on the same timetable, and "
            "that isn't anybody's fault, but it does mean his idea of kindness isn't kind to "
            "you right now.\n\n"
            "**Friendship with an ex is sometimes possible. It's almost never possible "
            "straight away.** The people who manage it usually had a long stretch of no "
            "contact first, long enough for the love to cool into something fond rather than "
            "raw. 'Better than nothing' feels true while you still love him. In practice it "
            "tends to mean standing in the doorway of a room you've been asked to leave.\n\n"
            "So tell him, simply and without apology:\n\n"
            "*'I know you mean well, and I'm glad we're on good terms. But I need proper space "
            "to get over us. Please don't message for a while. I'll be in touch if and when "
            "I'm ready.'*\n\n"
            "Ask him to post the jumper, or let it go. Go to the birthday separately; arrive "
            "with a friend and leave when you like. Mute him if you need to.\n\n"
            "As for your friends, they can think what they like. Protecting your own recovery "
            "isn't bitterness. It's the most grown-up thing anyone in this story is doing. "
            "Those who've been through a breakup will understand, and those who haven't will, "
            "one day.\n\n"
            "You were proud that you didn't beg him to stay. Be proud of this too. Asking for "
            "distance isn't losing him twice. It's the beginning of getting yourself back."
        ),
        "reply_sign_off": "Warmly, Elizabeth",
        "themes": ["breakups", "boundaries"],
        "days_ago": 288,
        "status": "published",
    },
    {
        "title": "My daughter never rings unless I ring her first",
        "slug": "daughter-never-rings-unless-i-ring-first",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "I'm 67 and I've been on my own since my husband died five years ago. I have one "
            "daughter, Sophie, who lives in London with her partner and works very long hours "
            "in an office doing something with computers I don't properly understand.\n\n"
            "I love her to bits and I'm very proud of her. But she never phones me. If I ring, "
            "she's pleasant enough but often she's on her way somewhere and says she'll call "
            "me back, and then she doesn't. I've started counting and last month we spoke "
            "three times and every time it was me who rang.\n\n"
            "I don't want to be one of those mothers who guilt trips. My own mother did that "
            "to me and I swore I wouldn't. So I don't say anything. But the days are long down "
            "here, especially in winter when the village empties out, and I think about her a "
            "great deal.\n\n"
            "I sent her a card with a little note saying I missed her and she sent a text "
            "saying 'aw love you mum x' which was lovely, but then nothing changed.\n\n"
            "Am I expecting too much? Young people are so busy. Should I just be grateful for "
            "what I get?"
        ),
        "original_sign_off": "Waiting by the Phone, Truro",
        "body": (
            "Dear Elizabeth,\n\n"
            "I'm 67 and have been widowed for five years. My only daughter lives in the city "
            "with her partner and works very long hours.\n\n"
            "I love her dearly and I'm proud of her. But she never phones me. When I ring, "
            "she's pleasant, but she's often on her way somewhere and promises to call back, "
            "then doesn't. Last month we spoke three times, and each time I was the one who "
            "called.\n\n"
            "My own mother guilt-tripped me, and I swore I'd never do that, so I say nothing. "
            "But the days are long where I live, especially in winter, and I think about her a "
            "great deal. I once sent her a card saying I missed her. She texted back something "
            "sweet, and nothing changed.\n\n"
            "Am I expecting too much? Young people are so busy. Should I just be grateful for "
            "what I get?"
        ),
        "sign_off": "Mum on Hold",
        "reply": (
            "Dear Mum on Hold,\n\n"
            "You're not expecting too much. You'd like to hear from your only child without "
            "always being the one to dial, and that's a very reasonable thing to want.\n\n"
            "I suspect your daughter loves you every bit as much as you love her. What she "
            "probably doesn't grasp is how long your days are. From a busy office in a big "
            "city, a mother in a quiet village can look settled and content. 'She's fine, I'll "
            "ring at the weekend,' she thinks, and then the weekend happens to her. She isn't "
            "neglecting you on purpose. She just hasn't been given a clear picture, partly "
            "because you've been so careful not to paint one.\n\n"
            "Not guilt-tripping is a fine principle. But there's a difference between guilt "
            "and information. Guilt says *you've let me down*. Information says *here's what "
            "would help me*. You're allowed to offer the second.\n\n"
            "So rather than another note saying you miss her, try something practical:\n\n"
            "- Suggest a regular slot. 'Could we have a proper chat every Sunday evening? It "
            "would make my week.' A fixed time is far easier for a busy person to keep than a "
            "vague intention.\n"
            "- Make it easy. A ten-minute call on her walk home counts. So does a photo of her "
            "lunch.\n"
            "- Ask her to visit, or invite yourself up for a weekend, with actual dates.\n\n"
            "Alongside that, please build some company closer to home. Not as a replacement "
            "for your daughter, but because long winter days alone are hard on anybody. A "
            "lunch club, the library, a choir, a befriending scheme if there's one nearby. "
            "**Loneliness in later life is common, and it is not a personal failing.** It's a "
            "signal, like hunger, that you need something, and you're allowed to go and get "
            "it.\n\n"
            "You don't have to be grateful for crumbs, and you don't have to scold her either. "
            "There's a middle way: telling her, kindly and plainly, that you'd love to hear "
            "from her more. Most grown-up children, once they truly hear that, are glad to be "
            "asked."
        ),
        "reply_sign_off": "With love, Elizabeth",
        "themes": ["family", "loneliness"],
        "days_ago": 395,
        "status": "published",
    },
    {
        "title": "I apologise for everything, even when it isn't my fault",
        "slug": "i-apologise-for-everything",
        "original_text": (
            "Hi Elizabeth, sorry to bother you, I know you must get hundreds of these.\n\n"
            "I've realised I say sorry about forty times a day. Someone bumps into me in the "
            "supermarket, sorry. My manager at the dental practice gets the rota wrong and I "
            "say sorry, I must have misread it. My boyfriend leaves his wet towels on the bed "
            "and I apologise for 'nagging' when I mention it.\n\n"
            "My best friend counted last Saturday when we were out for lunch. Eleven times in "
            "an hour and a half. She said it like a joke but it's stuck with me.\n\n"
            "I think it started at home. My dad had a temper and you learned to smooth things "
            "over fast. If you apologised first it usually blew over quicker. I'm 26 now and "
            "he's mellowed a lot, but I still do it with everyone.\n\n"
            "The worst bit is I think people take advantage. I'm always the one who stays "
            "late, covers shifts, says it's fine when it's not. Then I go home and feel "
            "resentful, and then I feel guilty for feeling resentful.\n\n"
            "How do I stop? Sorry this is so long."
        ),
        "original_sign_off": "Sorry (Again), Reading",
        "body": (
            "Dear Elizabeth,\n\n"
            "Sorry to bother you. I've realised I apologise about forty times a day. Someone "
            "bumps into me in a shop, and I say sorry. My manager gets the rota wrong, and I "
            "say sorry, I must have misread it. My boyfriend leaves wet towels on the bed, and "
            "I apologise for nagging when I mention it.\n\n"
            "A friend counted at lunch last weekend: eleven times in an hour and a half. She "
            "said it as a joke, but it has stayed with me.\n\n"
            "I think it started at home. My dad had a temper, and if you apologised quickly "
            "things blew over faster. I'm 26 now and he's mellowed, but I still do it with "
            "everyone.\n\n"
            "Worse, I think people take advantage. I'm always the one who stays late, covers "
            "shifts and says it's fine when it isn't. Then I go home resentful and feel guilty "
            "about that, too. How do I stop?"
        ),
        "sign_off": "Sorry for Writing",
        "reply": (
            "Dear Sorry for Writing,\n\n"
            "You don't need to apologise for writing. There, that's one fewer for today.\n\n"
            "It makes complete sense that you learned this at home. When a child lives with "
            "someone whose temper can flare, saying sorry fast is a survival skill: it lowers "
            "the temperature and keeps you safe. You were clever to learn it. The trouble is "
            "that the skill has outlived the danger, and now it runs on its own, in shops, at "
            "work and in your own bedroom, where nobody is going to shout at you.\n\n"
            "Here's what the constant sorry costs. Each one quietly says *I am the problem "
            "here*. Say it forty times a day and people start to believe it, and so do you. It "
            "also shows others where the give is. If you apologise when your manager gets the "
            "rota wrong, the rota becomes your job to fix. That's how you end up staying late.\n\n"
            "A few ways to start unpicking it:\n\n"
            "- **Swap sorry for thank you.** 'Sorry I'm late' becomes 'Thanks for waiting.' "
            "'Sorry to ask' becomes 'Could you help me with this?' You keep the warmth and "
            "lose the grovel.\n"
            "- **Pause before you say it.** Did you actually do something wrong? If not, say "
            "nothing, or say what's true: 'The rota has me on Tuesday, but I booked it off.'\n"
            "- **Practise a plain no.** 'I can't cover this weekend.' Full stop. You don't owe "
            "a paragraph of reasons.\n"
            "- **Let the towels be his problem.** Mentioning them isn't nagging. It's "
            "information.\n\n"
            "Expect it to feel rude at first. It isn't; it's just unfamiliar. Your friend's "
            "counting was a kindness, so ask her to keep it up if that helps, and celebrate "
            "the days the number drops.\n\n"
            "As for the resentment, please don't feel guilty about it. **Resentment is usually "
            "a sign that a line has been crossed that you haven't yet said out loud.** Treat "
            "it as a signpost, not a sin. When you feel it, ask yourself what you wish you'd "
            "said, and next time say a little of it.\n\n"
            "You're 26. There's plenty of time to learn that you can take up space without "
            "asking permission first."
        ),
        "reply_sign_off": "Warmly, Elizabeth",
        "themes": ["self-worth", "boundaries"],
        "days_ago": 0,
        "status": "answered",
    },
    {
        "title": "I'm 52, divorced and terrified of dating apps",
        "slug": "fifty-two-divorced-and-terrified-of-dating-apps",
        "original_text": (
            "Dear Elizabeth,\n\n"
            "I got divorced three years ago after a long marriage (we married at 23!). I've "
            "done the therapy, I've redone the house, I've taken up sea swimming at Silloth "
            "with a group of women who've become real friends. I'm genuinely in a good place.\n\n"
            "My daughter has been nagging me to 'get back out there' and last weekend she sat "
            "me down and set up a profile on one of the apps. She chose the photos. She wrote "
            "the bit about me, which makes me sound much more fun than I am.\n\n"
            "It's been live for four days. I've had a few messages, mostly from men who want "
            "to know within three lines whether I'm 'adventurous'. One nice one from a retired "
            "teacher, but I haven't replied because I froze.\n\n"
            "The thing is I've never been rejected by a stranger. I met my ex-husband at a "
            "friend's party when I was 19. The idea of someone looking at my face and swiping "
            "it away, or meeting me for coffee and deciding no, makes me feel sick. At my age "
            "I thought I'd be past caring about this sort of thing.\n\n"
            "Should I just delete it? Or how do you do this without it crushing you?"
        ),
        "original_sign_off": "Cold Feet in Carlisle",
        "body": (
            "Dear Elizabeth,\n\n"
            "I divorced three years ago after a long marriage; we wed at 23. I've had therapy, "
            "redone the house and taken up sea swimming with a group of women who have become "
            "real friends. I'm in a good place.\n\n"
            "My daughter has been urging me to start dating, and last weekend she set up an "
            "app profile for me, chose the photos and wrote a description that makes me sound "
            "far more fun than I am. It's been live four days. Most messages are from men who "
            "want to know within three lines if I'm 'adventurous'. One nice one came from a "
            "retired teacher, but I froze and haven't replied.\n\n"
            "I have never been rejected by a stranger. I met my ex-husband at a party when I "
            "was 19. The thought of being swiped away, or meeting someone for coffee and being "
            "found wanting, makes me feel sick. Should I delete it? Or how do you do this "
            "without being crushed?"
        ),
        "sign_off": "Swiping With My Eyes Shut",
        "reply": (
            "Dear Swiping With My Eyes Shut,\n\n"
            "A woman who swims in the open sea for fun can answer a message from a retired "
            "teacher. I promise. But I understand the freeze, and I don't think it means "
            "you're not ready. I think it means you care about doing this well.\n\n"
            "Let's deal with the fear of rejection first, because that's the real obstacle. On "
            "an app, most 'rejection' isn't rejection in any meaningful sense. People swipe "
            "faces away in a second for reasons that have nothing to do with you: you live too "
            "far away, you remind them of an aunt, they're only looking for people who climb "
            "mountains. It isn't a judgement of your worth. It's a quick, crude filter, and it "
            "works in your favour too, clearing away people you'd never have suited.\n\n"
            "Coffee is different, I grant you. Somebody might meet you and feel no spark. But "
            "you'll be deciding the same about them, and quite often you'll be the one saying "
            "no. That's the part nobody mentions: dating at 52 is as much about turning people "
            "down kindly as being turned down.\n\n"
            "A few ground rules to make it gentler:\n\n"
            "- **Rewrite the profile in your own voice.** Your daughter meant well, but you "
            "want people drawn to *you*, not her version of you. Sea swimming, good friends, a "
            "home you've made your own. That's plenty.\n"
            "- **Go slowly.** Talk to one person at a time if that's what feels comfortable. "
            "Start with the teacher.\n"
            "- **Keep first meetings short.** A coffee or a walk, forty-five minutes. Easy to "
            "arrive, easy to leave.\n"
            "- **Ignore the 'adventurous' crowd.** You don't owe anyone a reply.\n\n"
            "If you give it a couple of months and genuinely hate it, delete it without guilt. "
            "Apps are one door, not the only one. Plenty of people meet partners through "
            "friends, clubs and, yes, swimming groups.\n\n"
            "**You've already done the hard part: you built a life you like, on your own.** "
            "Anyone you meet now is a bonus, not a rescue. That's a wonderful place to date "
            "from."
        ),
        "reply_sign_off": "Big love, Elizabeth",
        "themes": ["rejection", "dating"],
        "days_ago": -5,
        "status": "published",
    },
]

# Letters still in the editors' inbox: as received, not yet edited or answered.
INBOX = [
    {
        "original_text": (
            "Hi, I don't know if you do this kind of thing but I'm at my wits' end. I share a "
            "flat in Sheffield with a girl I found online last year. At first it was fine but "
            "now she eats my food, borrows my clothes without asking and has her boyfriend "
            "round four nights a week, and he uses my shampoo and never cleans the bath. I'm "
            "basically paying half the rent for a third of the flat.\n\n"
            "I left a note on the fridge and she left one back saying I was being passive "
            "aggressive and should just talk to her. So I tried to talk to her and she said I "
            "was 'very uptight' and laughed.\n\n"
            "I'm 24 and I feel like I'm going mad. The lease runs till August. Do I just put "
            "up with it or is there something I can say that actually works? I hate "
            "confrontation and I'm shaking just typing this."
        ),
        "original_sign_off": "Uptight in Sheffield",
        "days_ago": 0,
    },
    {
        "original_text": (
            "Dear Elizabeth, my dad got remarried in the spring, four years after Mum died. I "
            "was happy for him, I really was, and Linda is nice enough. But since the wedding "
            "I feel like a guest in my own family.\n\n"
            "Christmas is at hers now, with her kids and grandkids, and the photos of Mum have "
            "gone from the hall into a drawer. Last month I rang to ask if he wanted to come "
            "to my son's football final and he said they had 'plans with Linda's lot'. He's my "
            "dad.\n\n"
            "I'm 38 and I know it sounds childish but I feel like I've lost both parents now, "
            "one to dying and one to someone else. My husband says give it time. How much "
            "time? And is it wrong to tell Dad how I feel when he's finally happy again?"
        ),
        "original_sign_off": "Pushed Out in Plymouth",
        "days_ago": 1,
    },
    {
        "original_text": (
            "Elizabeth, I've never written to anything like this before. I'm 35, I've been "
            "with my girlfriend for two years and I trust her. I think. But she has a "
            "colleague, Marcus, who she messages constantly. Evenings, weekends, lots of "
            "laughing faces. They go for lunch every Friday.\n\n"
            "She says he's like a brother and I'm being ridiculous and mostly I believe her. "
            "But I catch myself glancing at her phone when she leaves it on the sofa and I "
            "hate that I'm that person.\n\n"
            "My last girlfriend cheated with one of her friends so maybe this is about that "
            "and not about her at all. I don't want to be the controlling boyfriend. I also "
            "don't want to be a mug. How do you tell the difference between a gut feeling and "
            "old baggage?"
        ),
        "original_sign_off": "Not Proud of It, Derby",
        "days_ago": 2,
    },
]

"""Articles and series of the demo column, written for Postbag."""

SERIES = [
    {
        "title": "Starting Over",
        "slug": "starting-over",
        "description": (
            "A three-part guide to life after a breakup, from surviving the raw first "
            "month to enjoying your own company again and, in time, feeling ready to "
            "meet someone new."
        ),
    },
]

ARTICLES = [
    {
        "title": "Rejection Is Information, Not a Verdict",
        "slug": "rejection-is-information-not-a-verdict",
        "byline": "Elizabeth Hart",
        "standfirst": (
            "Being turned down hurts, but it rarely means what our frightened minds "
            "insist it means. Here is how to take the sting seriously without letting "
            "it rewrite the story of who you are."
        ),
        "body": """Every week a letter arrives that begins in roughly the same way. *I know I
shouldn't be this upset, but...* Then comes the story: a job that went to
someone else, a friend who stopped replying, a second date that never
happened, a family gathering where the invitation somehow got lost. The
details change. The conclusion the writer has reached almost never does.
*There must be something wrong with me.*

I want to offer a different way of reading those moments, because I think most
of us were taught to read them badly.

## What a no actually tells you

When someone turns you down, you learn one thing for certain: that this
person, at this time, with their own history and worries and preferences,
decided against this particular arrangement. That is genuinely useful
information. It tells you where not to spend your energy. It may even tell you
something about fit, timing or circumstance that you could not have seen from
the outside.

What it does not tell you is your worth. It cannot. A single decision, made by
a single person who knows only part of you, is simply not equipped to deliver
a verdict on your whole self. We hand it that power anyway, usually because
rejection lands on an old bruise, and the old bruise does the talking.

> A no is a door closing, not a judge passing sentence. You are allowed to be
> sad about the door without agreeing with the sentence.

## Why it hurts so much

None of this means you should shrug rejection off. It hurts because belonging
matters to us, deeply and for very old reasons. Being left out once carried
real danger, and our bodies have not entirely caught up with the fact that a
missing text message is not the same as being cast out of the village. So be
kind to yourself about the strength of the feeling. It is not a sign of
weakness; it is a sign that you care about connection, which is a good thing
to care about.

The trouble starts when the feeling hardens into a rule. *People always leave.
I am too much. I am not enough.* Those rules feel like protection, but they
tend to make us shrink, hold back and eventually stop trying, which only
brings more of the loneliness we were hoping to avoid.

## Reading the information well

When you are next on the receiving end of a no, try working through a few
gentle questions before you reach any conclusions:

1. **What actually happened?** Write down the facts, without the commentary.
"She did not reply to two messages" is a fact. "She finds me boring" is a
guess.
2. **What else could explain it?** List at least three possibilities that have
nothing to do with your value. Busyness, grief, shyness and bad timing account
for an astonishing amount.
3. **Is there anything useful to learn?** Sometimes there is: a skill to
practise, a pattern to notice. Take it, and leave the shame behind.
4. **Who knows you well and likes you anyway?** Call one of them. Not to go
over the rejection, necessarily, but to remind yourself what being wanted
feels like.

## Standing up again

The people who cope best with rejection are not the ones who feel it least.
They are the ones who have learned to separate the event from the identity.
They let themselves be disappointed, sometimes very disappointed, and then
they go on to the next application, the next invitation, the next hello,
because they have quietly decided that one person's answer is not the final
word on them.

You can decide that too. It takes practice, and you will forget it at three in
the morning, but it gets easier. The no was real. So are you, and you are a
great deal larger than any single answer.""",
        "themes": ["rejection", "self-worth"],
        "days_ago": 280,
        "status": "published",
        "series": None,
        "series_part": None,
    },
    {
        "title": "The Friend Who Never Calls First",
        "slug": "the-friend-who-never-calls-first",
        "byline": "Elizabeth Hart",
        "standfirst": (
            "If you are always the one who organises, remembers and reaches out, it is "
            "natural to wonder whether the friendship is real. A few honest steps can "
            "help you find out."
        ),
        "body": """Of all the letters I receive about friendship, the most common is not about
betrayal or a dramatic falling out. It is quieter than that. It comes from the
person who has realised, usually with a sinking feeling, that if they stopped
making the effort, the friendship would simply stop.

They are the one who suggests the dinner, books the table, remembers the
birthday and sends the message after the hard week. The other person is
usually pleasant enough when they meet. They just never, ever go first.

## Before you decide anything

It is worth saying at the start that uneven effort does not always mean uneven
affection. Some people are genuinely poor at getting in touch. They were
raised in families where someone else always did the organising, or they
struggle with anxiety, or they are drowning in work, children or caring duties
and have no spare capacity to plan anything at all. Some assume, wrongly but
sincerely, that you would tell them if you wanted more.

So before you conclude that you are not valued, look at what happens when you
are together. Does your friend listen? Do they seem glad to see you? Do they
turn up when it really matters? If the answers are yes, you may be dealing
with a difference in style rather than a lack of love.

## When it is more than style

Still, style only explains so much. If you feel consistently tired, taken for
granted or faintly humiliated by the effort you put in, that feeling deserves
respect. Friendships should leave us, on balance, more nourished than
depleted. Here are some signs the imbalance has become a problem:

- You feel anxious rather than pleased when you think about getting in touch.
- Plans are often cancelled at the last minute, and rarely rearranged by them.
- They contact you mainly when they need something: a favour, a lift, a
listening ear.
- You have started keeping score, and you hate that you have.

## Say it out loud, once

Most people in this position never actually tell their friend how they feel.
They drop hints, or they go quiet as a test and wait to be noticed. Tests like
that almost always fail, because the other person does not know they are
sitting one.

A direct, warm conversation is far more likely to get you somewhere. You might
say something like:

> "I really value our friendship, and I've noticed I'm nearly always the one
> who gets in touch. I'd love it if you reached out sometimes too. It would
> help me feel that you want to see me as much as I want to see you."

Notice what that does. It does not accuse. It names the pattern, explains its
effect on you and makes a clear, modest request. A good friend will hear it,
perhaps be a little embarrassed, and try. That is all you are asking for.

## Then watch, and let the answer be the answer

After the conversation, give it time. Change does not need to be dramatic; a
message here, a suggestion there, is a real sign of goodwill. If nothing
shifts at all, you have learned something important, and you are free to do
less.

Doing less need not mean a dramatic ending. You can simply step back to match
their level of effort and see what remains. Some friendships will settle into
something lighter but still warm. Others will fade, and that will hurt, but it
will also free up time and love for the people who are reaching back towards
you.

Your effort is a gift. It is allowed to go where it is *welcomed*.""",
        "themes": ["one-sided-effort", "friendship"],
        "days_ago": 200,
        "status": "published",
        "series": None,
        "series_part": None,
    },
    {
        "title": "Starting Over: The First Month",
        "slug": "starting-over-the-first-month",
        "byline": "Elizabeth Hart",
        "standfirst": (
            "The weeks straight after a breakup are rarely about growth or lessons. "
            "They are about getting through the day. Here is a plain guide to surviving "
            "the first month with your dignity intact."
        ),
        "body": """This is the first of three pieces about beginning again after a relationship
ends. I have written them because so many of your letters arrive in that raw,
early stretch, when the advice people offer you is well meant but faintly
useless. *Get back out there. Everything happens for a reason. You're better
off without them.* Perhaps, one day. Not this week.

So let us start where you actually are.

## Lower the bar, on purpose

In the first month, your only real job is to look after the body that is
carrying all this grief. Heartbreak is exhausting in a physical way that
surprises people. You may not sleep properly, you may forget to eat or eat
nothing but toast, and you may find that concentrating on anything longer than
a television advert feels beyond you.

That is normal, and it passes. In the meantime, set yourself a short daily
list that you can manage even on the worst day:

- Drink water and eat one proper meal.
- Go outside, even if only to walk to the end of the road and back.
- Speak to one person who is kind to you.
- Go to bed at a sensible hour, even if sleep takes a while to arrive.

If you do those four things, the day counts as a success. Anything beyond them
is a bonus.

## Manage the contact

Nothing keeps a wound open quite like checking it. If you can, put some
distance between yourself and your former partner's life for a while. That
might mean muting them online, archiving old messages, or asking a friend to
hold on to the things you cannot bear to look at yet. None of this is petty.
It is simply giving your mind a chance to stop rehearsing.

If you share children, a home or a workplace, total silence may not be
possible. In that case, keep contact **brief, practical and polite**. Stick to
logistics. Save the conversations about what went wrong for your friends, your
journal or a counsellor, where they can actually help you.

## Let people in

The temptation after a breakup is to hide, partly from exhaustion and partly
from a kind of embarrassment, as though grief were a failing. Please resist
it, at least a little. Tell a few trusted people what has happened and what
would help. Most friends want to be useful but have no idea how, so be
specific: a walk on Sunday, a meal dropped round, someone to sit with you
while you pack a box.

Loneliness tends to be worst in the evenings and at weekends, the times you
used to share. Plan something small for those gaps in advance, so you are not
facing them empty-handed.

## Be careful with the story

Finally, notice the story you are starting to tell about what happened. In the
first month, that story is usually either *it was all their fault* or *it was
all mine*. Neither is likely to be true, and both can wait. You do not need to
understand the whole thing yet. You only need to get through today, and then
tomorrow.

> Grief is not a problem to be solved by the end of the month. It is a season,
> and seasons change on their own schedule.

Next time, we will look at the quieter stage that follows: learning to enjoy
your own company again.""",
        "themes": ["breakups", "loneliness"],
        "days_ago": 120,
        "status": "published",
        "series": "starting-over",
        "series_part": 1,
    },
    {
        "title": "Starting Over: Learning to Like Your Own Company",
        "slug": "starting-over-your-own-company",
        "byline": "Elizabeth Hart",
        "standfirst": (
            "Once the first shock of a breakup fades, a quieter challenge arrives: the "
            "long evenings alone. With a little care, they can become the place where "
            "you rediscover who you are."
        ),
        "body": """In the first part of this series, we talked about simply getting through the
early weeks after a relationship ends. If you are reading this a little
further along, you may have noticed a change. The sharp pain has softened into
something duller, and in its place is a great deal of empty time.

For many people, this middle stage is harder to describe than the first. The
crisis is over, friends have gone back to their own lives, and you are left
with your own company for long stretches. If you spent years as half of a
pair, that company may feel unfamiliar, even a little awkward, like meeting a
cousin you have not seen since childhood.

## Alone is not the same as lonely

Being alone is a circumstance. Loneliness is a feeling, the ache of wanting
connection that is not there. They overlap, but they are not the same, and the
difference matters. You can be lonely in a busy house and perfectly content on
your own in a café. The aim of this stage is not to banish loneliness
altogether, which is impossible, but to make being alone a place you can rest
rather than a place you endure.

## Find out what you actually like

Relationships involve a lot of quiet compromise. Over time, you may have
stopped listening to certain music, visiting certain places or eating certain
food because your partner did not enjoy them. Some of those compromises were
generous and right. But now is a good moment to ask, with real curiosity, what
*you* want when nobody else gets a vote.

Try a few small experiments over the coming weeks:

1. Take yourself out for a meal or a film, alone, and notice how it feels
after the first ten minutes.
2. Rearrange one room so that it suits only you.
3. Return to an interest you dropped, or try one you always assumed was not
for you.
4. Plan a whole Saturday around your own preferences, from breakfast to
bedtime.

Some of these will be lovely. Some will feel strange or flat. Both are useful.
You are gathering information about a person you will be spending the rest of
your life with.

## Watch how you speak to yourself

Time alone tends to amplify our inner voice. If that voice is harsh, the
evenings can become a kind of private trial, where you go over every mistake
of the relationship and find yourself guilty each time. This is where
self-worth is quietly rebuilt or further worn down, so it is worth paying
attention.

A helpful test is to imagine a good friend in your position. Would you tell
them they were unlovable, foolish or too much? Of course not. You would remind
them of their kindness, their humour, the way they showed up for others. **You
are allowed to offer yourself the same generosity.** It may feel false at
first. Keep at it anyway. Kindness to yourself is a habit, and habits become
easier with repetition.

## Build a life with doors in it

Enjoying your own company does not mean retreating from everyone. It means
building a life that is satisfying in its own right, with regular points of
contact: a weekly class, a standing phone call with a sibling, a volunteering
shift, a neighbour you chat to over the fence. These small, reliable
connections are what make solitude feel chosen rather than imposed.

> The goal is not to need nobody. It is to be good company for yourself, so
> that anyone who joins you later is an addition, not a rescue.

In the final part of this series, we will look at the question many of you
eventually write to me about: how do you know when you are ready to date
again?""",
        "themes": ["breakups", "self-worth", "loneliness"],
        "days_ago": 90,
        "status": "published",
        "series": "starting-over",
        "series_part": 2,
    },
    {
        "title": "Starting Over: Are You Ready to Date Again?",
        "slug": "starting-over-ready-to-date-again",
        "byline": "Elizabeth Hart",
        "standfirst": (
            "There is no correct waiting period after a breakup, but there are good "
            "signs that you are ready to meet someone new, and a few warning lights "
            "worth heeding first."
        ),
        "body": """This is the last part of our short series on beginning again. We have covered
the raw first month and the slower work of learning to enjoy your own company.
Now we arrive at the question that tends to turn up in my postbag sooner or
later: *how will I know when I'm ready to date?*

People often want a number. Three months, six months, half the length of the
relationship. I understand the appeal of a rule, but I do not think one
exists. Some people are ready surprisingly quickly; others need a year or
more. What matters is not how much time has passed, but what you are hoping
dating will do for you.

## Signs you may be ready

You are probably in a good place to start meeting people if most of the
following feel true:

- You can think about your former partner without a rush of anger, longing or
despair, even if there is still some sadness.
- You have a reasonably full life of your own, and a new person would be
joining it rather than filling it.
- You are curious about meeting someone, not desperate to prove that somebody
still wants you.
- You could hear "I don't think this is going anywhere" from a new date and be
disappointed rather than devastated.

That last one is important. Dating involves a fair amount of rejection, much
of it entirely impersonal. If you are still very fragile, those small knocks
can feel like confirmation of your worst fears, which is unkind to you and
unfair to the people you meet.

## Warning lights

On the other hand, it may be worth waiting a little longer if you notice that
you want to date mainly to make your ex jealous, to stop feeling lonely on
Sunday evenings, or to have someone tell you that you are attractive. Those
are very human motives, and there is no shame in them. But they tend to lead
to choices made from need rather than preference, and the results are rarely
happy.

Similarly, if you catch yourself comparing every new person with your former
partner, either favourably or unfavourably, the old relationship is probably
still taking up a lot of room.

## Starting gently

When you do decide to begin, go slowly. Treat early dates as a chance to
practise being yourself with someone new, not as auditions for a lifelong
role. A few practical suggestions:

1. Keep first meetings short and simple: a coffee or a walk rather than a long
dinner.
2. Tell a friend where you are going, both for safety and so you have someone
to talk it over with afterwards.
3. Notice how you feel **after** a date, not just during it. Calm and
pleasantly interested is a better sign than dizzy and anxious.
4. Give yourself permission to stop and take a break if it all becomes too
much.

## What starting over really means

Looking back over this series, I am struck by how little of it has been about
finding someone new. Most of the work of starting over happens quietly and
alone: eating properly, sleeping, letting friends help, rediscovering your own
tastes, speaking to yourself more gently. Dating, when it comes, is simply the
next chapter of a life you have already begun rebuilding.

> You do not need to be completely healed to love again. You only need to be
> whole enough to choose well.

Whenever you are ready, I hope you go in with your eyes open and your heart
steady. And if you are not ready yet, that is fine too. The right people will
still be there.""",
        "themes": ["breakups", "dating"],
        "days_ago": 60,
        "status": "published",
        "series": "starting-over",
        "series_part": 3,
    },
    {
        "title": "Saying No to Family Without Starting a War",
        "slug": "saying-no-to-family-without-starting-a-war",
        "byline": "Tom Ashworth",
        "standfirst": (
            "Families are where we first learn our roles, and where changing them can "
            "feel most dangerous. Setting boundaries with relatives is possible, "
            "though, and it need not end in a row."
        ),
        "body": """When Elizabeth asked me to write about boundaries with family, I said yes at
once and then spent a week wondering why. Of all the places where we struggle
to say no, family is surely the hardest. A colleague who oversteps can be
managed. A friend who takes too much can be seen less often. But a mother who
criticises your parenting, a brother who borrows money and never repays it, or
an in-law who arrives unannounced every Saturday is woven into your life in a
way that makes any change feel enormous.

## Why it is so hard

Part of the difficulty is that family relationships come with roles we did not
choose. Perhaps you were the peacemaker, the sensible one, the one who never
caused trouble. Those roles can follow us well into adulthood, and stepping
out of them can feel like breaking an unwritten contract. When you finally say
"actually, that doesn't work for me", relatives may react less to the request
itself than to the shock of you behaving out of character.

It helps to expect that reaction in advance. Surprise, hurt or even anger does
not necessarily mean you have done something wrong. It often just means that
something has changed.

## What a boundary is, and is not

A boundary is not a demand that someone else behave differently. You cannot
control what your father says at Sunday lunch. A boundary is a decision about
what **you** will do in response. Compare these two statements:

- "You have to stop commenting on my weight." This is a request, which he may
ignore.
- "If the comments about my weight continue, I'll leave lunch early." This is
a boundary, and it is entirely in your hands.

The first is still worth saying, and often it is enough. But the second is
what gives it weight, because it does not depend on anyone else's cooperation.

## Saying it kindly

Most family boundaries go better when they are stated calmly, early and
without a long list of old grievances attached. A few principles I have found
useful:

1. **Choose a quiet moment.** Not in the middle of an argument, and certainly
not at a wedding.
2. **Keep it short.** One or two sentences is plenty. The more you justify,
the more there is to argue with.
3. **Lead with the relationship.** "I want to keep seeing you regularly, and
for that to work I need..." reminds everyone what you are protecting.
4. **Follow through, gently.** If you said you would leave, leave, and do so
politely. Consistency is what makes a boundary believable.

## When they push back

Some relatives will test a new boundary, sometimes more than once. This is
normal and does not mean you have failed. Hold steady, repeat yourself calmly,
and avoid being drawn into a debate about whether your limit is reasonable.
You do not need their agreement. Your response is the part you control, and
that is enough.

A few family members may never fully accept the change. That can be genuinely
painful, and it is worth grieving. But many more will adjust, perhaps
grudgingly at first, and you may find that a clearer relationship is also a
warmer one. It is hard to feel much affection for someone you are quietly
resenting.

> Boundaries are not walls. They are the gate that lets you keep visiting
> without losing yourself on the way in.

If you have spent years keeping the peace at your own expense, this will feel
uncomfortable. Start small, be patient with yourself, and remember that
looking after your own wellbeing is not a betrayal of the people you love.
Very often, it is *what allows you to keep loving them*.""",
        "themes": ["family", "boundaries"],
        "days_ago": 35,
        "status": "published",
        "series": None,
        "series_part": None,
    },
    {
        "title": "What Your Jealousy Is Trying to Tell You",
        "slug": "what-your-jealousy-is-trying-to-tell-you",
        "byline": "Nadia Kerr",
        "standfirst": (
            "Jealousy has a bad reputation, and it can certainly do damage. But "
            "listened to carefully, it often points towards something you want, or a "
            "fear that deserves some gentle attention."
        ),
        "body": """I will start with a confession. A few years ago, a close friend of mine was
offered the job I had quietly been hoping for, at a magazine I had admired
since I was a teenager. I congratulated her warmly, bought her a bottle of
something fizzy, and then went home and felt so sour and small that I could
barely look at myself.

I tell that story because jealousy is one of the emotions people are most
ashamed of, and shame tends to make us hide things rather than understand
them. Yet jealousy is extremely common. It visits good people, generous people
and loving people. The question is not whether you feel it, but what you do
next.

## Envy and jealousy

We often use the two words interchangeably, but it can help to separate them.
Envy is wanting something another person has: their success, their
relationship, their easy confidence at parties. Jealousy, strictly speaking,
is the fear of losing something you already have, often a person's attention
or affection, to someone else. The two can arrive together, as when a best
friend makes a new friend and you feel both left out and a little threatened.

Naming which one you are feeling is a useful first step, because each points
somewhere different.

## What envy points to

Envy is often a clumsy signpost to a desire you have not fully admitted. My
envy of my friend's job was really telling me that I wanted to take my own
writing more seriously. Once I saw that, the feeling became something I could
use, rather than something that simply made me miserable.

Try asking yourself:

- What exactly do I wish I had here? Be specific.
- Is it the thing itself I want, or what I imagine it would make me feel?
- Is there a small step I could take towards it this month?

## What jealousy points to

Jealousy in friendships and relationships usually points to fear: of being
replaced, of not being enough, of being forgotten. Sometimes that fear is
grounded in real changes, such as a friend who genuinely has less time for
you. More often it comes from an old, tender place and is only loosely
connected to the present.

Either way, the fear deserves attention rather than punishment. It can help to
talk about it honestly, without accusation. "I've missed you lately, and I
think I've felt a bit jealous of your new friends. That's my stuff, but I
wanted to say it" is a brave and disarming sentence. Most people respond to it
with warmth.

## What not to do

Jealousy becomes destructive when it is acted out rather than understood. It
is worth watching for:

1. **Checking and monitoring**, whether that is scrolling someone's social
media or quizzing them about where they have been.
2. **Withdrawing as punishment**, going cold in the hope that they notice and
come after you.
3. **Quiet sabotage**, such as being dismissive about their good news or
subtly undermining the new friend.

All of these are understandable, and all of them tend to bring about exactly
the distance you are afraid of.

## Being kinder to the feeling

In the end, I found that the best response to my own jealousy was curiosity
rather than self-criticism. The feeling was not evidence that I was a bad
friend. It was information about what I cared about and where I felt insecure.
Once I had listened, it quietened down, and my friend and I are still close.

> Jealousy is rarely about the other person. It is usually a message from a
> part of you that wants to be noticed.

So the next time it arrives, try not to slam the door on it. Sit with it for a
moment, ask what it wants you to know, and then decide, calmly, what to do.""",
        "themes": ["jealousy", "friendship", "self-worth"],
        "days_ago": 3,
        "status": "published",
        "series": None,
        "series_part": None,
    },
    {
        "title": "Lonely in a Full Life",
        "slug": "lonely-in-a-full-life",
        "byline": "Elizabeth Hart",
        "standfirst": (
            "You can have a busy diary, a loving family and plenty of acquaintances and "
            "still feel profoundly alone. That kind of loneliness is common, and it can "
            "change."
        ),
        "body": """One of the letters that stayed with me this year came from a woman who
described herself as "never alone and always lonely". She had a husband, two
teenagers, a demanding job and a phone full of group chats. By any outside
measure, her life was crowded. And yet, she wrote, there was nobody she could
ring at ten o'clock at night and simply say, *I'm not doing very well.*

I suspect many of you will recognise that feeling. We tend to picture
loneliness as an empty flat and a silent phone, and for some people it is
exactly that. But there is another kind, quieter and harder to admit, which
lives inside full and busy lives. It is not about the number of people around
you. It is about whether any of them truly know you.

## Why it happens

Adult life has a way of filling up with functional relationships. We talk to
colleagues about work, to other parents about school runs, to our partners
about bills and who is collecting whom. These conversations are necessary and
often pleasant, but they rarely leave room for the slower, more vulnerable
talk that makes us feel known.

Friendships can also drift without anyone intending it. A move, a new baby, a
change of job, and suddenly the people who once knew everything about you are
people you see twice a year and catch up with in headlines.

## Small steps towards being known

The good news is that this kind of loneliness often responds well to quite
modest changes. You do not need a new social circle. You may simply need to go
a little deeper with the one you already have. A few places to begin:

- **Pick one or two people** you would like to be closer to, rather than
trying to fix everything at once.
- **Suggest time that allows for talk**, such as a walk, a long lunch or a
drive, rather than a noisy evening in a crowd.
- **Go first with honesty.** Share something real about how you are, not just
the edited version. Openness tends to invite openness.
- **Be consistent.** Closeness is built through regular, ordinary contact far
more than through occasional grand gestures.

## Inside your own home

Loneliness within a marriage or family deserves particular care, because it
can feel disloyal even to name it. If you feel unseen by the people you live
with, try asking for small, specific moments of connection: ten minutes at the
end of the day without phones, a weekly walk together, a proper conversation
over breakfast at the weekend. If the distance runs deeper, a counsellor can
help you both find your way back towards each other.

> Being surrounded is not the same as being held. It is perfectly reasonable
> to want both.

## You are not the only one

Perhaps the most important thing I can tell you is that this feeling is
extremely common, and almost nobody talks about it. The colleague who seems to
have endless friends, the neighbour with the busy house, the person in the
group chat who always has a joke ready: any of them might be feeling exactly
the same way. Which means that when you reach out, there is a good chance you
will be offering someone else the very thing you need.""",
        "themes": ["loneliness", "friendship"],
        "days_ago": 0,
        "status": "draft",
        "series": None,
        "series_part": None,
    },
    {
        "title": "Dating Without Auditioning",
        "slug": "dating-without-auditioning",
        "byline": "Elizabeth Hart",
        "standfirst": (
            "Many of us approach dating as though we are trying out for a part. Here is "
            "how to stop performing, start paying attention, and notice whether the "
            "other person actually suits you."
        ),
        "body": """A reader wrote to me recently after what she called "a perfectly nice date
that left me feeling awful". Nothing had gone wrong. The man was polite, the
conversation flowed, and they agreed to meet again. But on the bus home she
realised she could not remember a single thing she had felt during the
evening. She had spent two hours watching herself, adjusting her jokes,
editing her opinions and checking his face for signs of approval.

She was, in other words, auditioning. And I think a great many of us do the
same.

## The audition habit

Auditioning happens when we treat dating as a test we must pass rather than a
meeting between two people who are both finding out whether they like each
other. It often starts from a reasonable place. We want to make a good
impression, and we are nervous. But if it becomes a habit, it quietly tilts
the whole encounter. All the questions flow one way: *Does he like me? Am I
interesting enough? Did I say too much?* The equally important question, *Do I
actually like him?*, never gets asked.

For people who have experienced a lot of rejection, or who grew up feeling
that love had to be earned, this habit can be especially strong. It can feel
safer to perform than to risk being seen and found wanting.

## Why it does not work

The trouble is that auditioning rarely gets us what we want. If someone falls
for a carefully edited version of you, you will have to keep up the edit,
which is exhausting and lonely. And if they do not fall for it, you will never
know whether they might have liked the real thing.

There is also a practical cost. When all your attention is on how you are
coming across, you miss important information about the other person. Are they
kind to the waiter? Do they ask you questions and listen to the answers? Do
you feel more relaxed as the evening goes on, or more tense? These are the
things that matter, and you can only notice them if you are paying attention
outwards.

## Swapping performance for curiosity

Here are a few ways to shift from auditioning to genuinely meeting someone:

1. **Set yourself a different goal.** Instead of "make them like me", try
"find out what they are like". It changes the whole feel of the evening.
2. **Say one honest thing.** An opinion you actually hold, a hobby you are
slightly embarrassed by. Notice how they respond.
3. **Check in with your body.** Halfway through, ask yourself whether your
shoulders are relaxed. Your body often knows before your mind does.
4. **Reflect afterwards.** Before you wonder whether they will call, ask
whether you want them to.

## Remembering your part in the choice

Dating is a two-way decision, even when it does not feel like one. You are not
a candidate waiting for a verdict. You are also choosing, and your preferences
count just as much as theirs.

> Go on dates as a guest, not an applicant. You are there to see whether you
> like the place, not to beg for a room.

If a date does not lead anywhere, that is not a failed audition. It is simply
two people discovering that they are not quite right for each other, which is
exactly what dating is for. The more you show up as yourself, the sooner you
will find someone who likes the real you, and the less it will hurt when
someone does not.""",
        "themes": ["dating", "self-worth", "rejection"],
        "days_ago": -7,
        "status": "published",
        "series": None,
        "series_part": None,
    },
]

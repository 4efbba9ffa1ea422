"""The words the benchmark archive is made of: sentence templates written for this project,
with slots ({person}, {feeling}, {place}, …) that demo.generator.text fills from the lists
below. Invented place and pet names are made from SYLLABLES."""

THEME_NAMES = [
    "Friendship", "Rejection", "Self-worth", "Family", "Breakups", "One-sided effort",
    "Jealousy", "Loneliness", "Dating", "Marriage", "Boundaries", "Work", "Parenting",
    "In-laws", "Money", "Trust", "Infidelity", "Moving on", "Confidence", "Anxiety",
    "Siblings", "Divorce", "Ageing parents", "Body image", "Social media", "Grief",
    "Forgiveness", "New beginnings", "Long distance", "Neighbours", "Weddings",
    "Christmas", "Retirement", "Step-families", "Flatmates", "Ghosting", "Secrets",
    "Apologies", "Old flames", "Starting over",
]  # fmt: skip

PEOPLE = [
    "my sister", "my brother", "my mum", "my dad", "my best friend", "my husband", "my wife",
    "my boyfriend", "my girlfriend", "my partner", "my flatmate", "my boss", "a colleague",
    "my oldest friend", "my mother-in-law", "my son", "my daughter", "my neighbour", "my ex",
    "my stepdad", "my cousin", "my fiancé", "a friend from school", "my manager", "my nan",
    "my twin", "my godmother", "my landlord", "a man I met online", "a woman from choir",
]  # fmt: skip
FEELINGS = [
    "invisible", "taken for granted", "second best", "exhausted", "ashamed", "furious",
    "lonely", "anxious", "stupid", "jealous", "hurt", "relieved", "guilty", "numb", "trapped",
    "resentful", "embarrassed", "heartbroken", "unwanted", "confused", "hopeful", "restless",
]  # fmt: skip
WHEN = [
    "Last summer", "Two years ago", "At Christmas", "Since the wedding", "Over lockdown",
    "Every Sunday", "For as long as I can remember", "Three weeks ago", "On my birthday",
    "When we moved house", "After the funeral", "Before the baby came", "In the spring",
    "Most evenings", "On holiday last year", "Since I changed jobs",
]  # fmt: skip
DOINGS = [
    "forgot my birthday", "cancelled on me again", "told everyone my news before I could",
    "stopped replying to my messages", "laughed when I said I was struggling",
    "asked to borrow money", "moved in with someone new", "went quiet for a month",
    "invited everyone but me", "criticised how I raise my children", "read my diary",
    "took the credit for my work", "said I was too sensitive", "left the party without me",
    "booked a holiday without asking", "posted photos I had asked them not to",
    "turned up an hour late", "made a joke about my weight", "ended things by text",
    "never once asked how I was", "spent the whole evening on their phone",
]  # fmt: skip
WANTS = [
    "say something", "let it go", "walk away", "ask for an apology", "start again",
    "tell the truth", "move out", "stop making the effort", "see a counsellor",
    "find new friends", "forgive them", "keep the peace", "stand up for myself",
]  # fmt: skip
HOBBIES = [
    "choir", "allotment", "netball", "pottery", "sourdough", "book club", "parkrun",
    "wild swimming", "crochet", "the pub quiz", "salsa classes", "birdwatching", "chess",
    "the ukulele", "amateur dramatics", "cycling", "bell ringing", "beekeeping", "karaoke",
    "life drawing", "rock climbing", "the school run", "volunteering at the food bank",
    "cribbage", "bouldering", "calligraphy", "orienteering", "taxidermy", "dry stone walling",
]  # fmt: skip
SIGN_OFF_WORDS = [
    "Confused", "Tired", "Hurt", "Lost", "Fed Up", "Hopeful", "Invisible", "Stuck", "Worried",
    "Done", "Torn", "Quietly Furious", "Second Best", "Always Waiting",
]  # fmt: skip
BYLINES = ["Elizabeth Hart", "Sam Okafor", "Priya Nair", "Tom Reilly", "Hannah Lowe"]

LETTER_SENTENCES = [
    "{when}, {person} {doing}, and I haven't been able to stop thinking about it.",
    "I have known {person} for {years} years and I thought we were close.",
    "It sounds small when I write it down, but I feel {feeling}.",
    "{when} {person} {doing}.",
    "I met them at {hobby} in {place}, and for a while it was the best thing in my life.",
    "We grew up together in {place}, so this isn't a friendship I can easily replace.",
    "My friends say I should {want}, but they don't know the whole story.",
    "Part of me wants to {want}; the other part is scared of what happens if I do.",
    "I keep going over it at three in the morning.",
    "I'm {age} and I feel too old to be this upset about it.",
    "When I tried to talk about it, {person} changed the subject.",
    "I've started to wonder whether the problem is me.",
    "We even had a dog called {pet} together, and the dog still lives with them.",
    "Everyone else seems to think it's fine, which makes me feel {feeling}.",
    "I do all the inviting, all the remembering and all the apologising.",
    "I don't want to lose them, but I can't keep feeling {feeling}.",
    "Since {person} {doing}, I've stopped going to {hobby}.",
    "The worst part is that nobody noticed how {feeling} I was.",
    "I moved to {place} for work and I don't really know anyone here yet.",
    "I have tried to be patient, and I have tried to be honest, and neither has worked.",
    "It isn't the first time, and that's what frightens me.",
    "I was brought up to keep the peace, so saying how I feel doesn't come naturally.",
]  # fmt: skip
LETTER_QUESTIONS = [
    "Should I {want}, or am I overreacting?",
    "How do I {want} without making everything worse?",
    "Is it unreasonable to feel {feeling}?",
    "What would you do in my place?",
    "Do I {want}, or just wait and see?",
    "How do I stop feeling {feeling}?",
]  # fmt: skip
REPLY_SENTENCES = [
    "First, you are not overreacting: feeling {feeling} after that makes complete sense.",
    "What you describe is a pattern, not a one-off, and patterns deserve to be named.",
    "You have been carrying this relationship on your own for a long time.",
    "It is worth asking what you would say to a friend who wrote this letter to you.",
    "People who care about us can still let us down; both things can be true at once.",
    "You don't need a perfect speech, just one honest sentence and a calm moment to say it.",
    "Try telling {person} how it felt, rather than listing everything they did wrong.",
    "If the answer is defensive, that tells you something, and so does a kind one.",
    "Notice how much of your letter is about their feelings and how little about yours.",
    "You are allowed to {want}, even if it disappoints someone.",
    "Going back to {hobby} might be a good place to start: it was yours before any of this.",
    "Small steps count, and they add up faster than you think.",
    "Boundaries are not punishments; they are information about what you need.",
    "It may help to talk this through with a counsellor, who can hold the whole picture.",
    "Give it a few weeks and watch what people do, not what they promise.",
    "Being the one who always makes the effort is exhausting, and it is fair to stop.",
    "Your worth was never up for negotiation, whatever happened in {place}.",
    "Grief can arrive for friendships and families as well as for people who have died.",
    "Write down what you want the next year to look like, and who is in it.",
    "You sound like someone who gives a great deal; make sure some of it comes back.",
    "There is no rule that says you have to decide everything today.",
    "Whatever you choose, choose it on purpose rather than out of fear.",
]  # fmt: skip
ARTICLE_SENTENCES = [
    "Most of the letters that arrive in this postbag are, underneath, about being seen.",
    "A friendship where one person does all the work is not a friendship in balance.",
    "Researchers who study loneliness describe it as a signal, like hunger or thirst.",
    "It is easy to mistake a habit of pleasing people for kindness.",
    "The first conversation is usually the hardest, and it rarely goes as badly as we fear.",
    "When {person} {doing}, the hurt is often less about the event than what it seemed to mean.",
    "Feeling {feeling} is not a character flaw; it is a reasonable response to a situation.",
    "Readers often ask whether they should {want}; the honest answer is that it depends.",
    "One reader from {place} described it as living in a house with the lights half on.",
    "Taking up something like {hobby} will not fix a relationship, but it rebuilds a self.",
    "We tend to remember the times we were let down more vividly than the times we were held.",
    "Boundaries work best when they are stated once, clearly, and then kept.",
    "Apologies that come with conditions are negotiations, not apologies.",
    "Family roles are learned early and can be unlearned slowly.",
    "It helps to separate what someone meant from what their actions cost you.",
    "There is a difference between giving people the benefit of the doubt and ignoring evidence.",
    "Change in one person often forces change in the people around them.",
    "Not every relationship needs to end; some just need to become smaller.",
]  # fmt: skip
ARTICLE_HEADINGS = [
    "What the letters say", "Why it hurts", "The first conversation", "Drawing the line",
    "When nothing changes", "Looking after yourself", "What comes next", "A note on guilt",
]  # fmt: skip
STANDFIRSTS = [
    "Why feeling {feeling} is a signal, not a verdict, and what to do with it.",
    "What to say when {person} {doing}, and how to know if it is time to {want}.",
    "A guide for anyone who has ever wondered whether they should {want}.",
    "Readers' letters about being {feeling}, and what they taught us.",
]  # fmt: skip
LETTER_TITLES = [
    "{Person} {doing}", "Should I {want}?", "I feel {feeling} and I don't know why",
    "{Person} {doing} and I can't let it go", "Is it time to {want}?",
    "Since {person} {doing}, I feel {feeling}", "I'm {age} and I feel {feeling}",
]  # fmt: skip
ARTICLE_TITLES = [
    "On being {feeling}", "When {person} {doing}", "How to {want}",
    "The art of feeling less {feeling}", "Why we find it so hard to {want}",
    "Notes on {hobby} and starting again",
]  # fmt: skip

SYLLABLES = [
    "bran", "tol", "mer", "wick", "ash", "by", "ford", "ley", "ham", "ton", "den", "wor", "sel",
    "kin", "dale", "mar", "pen", "rith", "gar", "low", "thorn", "bel", "cot", "fen", "hol",
]  # fmt: skip

"""Letters for the hoaxes-and-floods tests and measurements (advice.floods).

Keys name a story before the "~": letters with the same story should be grouped, letters
with different stories should not. The demo inbox's three letters (demo/content/inbox)
are the originals the copies here retell.
"""

REWORDED = {
    # The demo's "Pushed Out in Plymouth", told again in other words by the same reader.
    "pushed-out-in-plymouth~reworded": (
        "Dear Elizabeth, four years after my mum died my dad remarried this spring. I was "
        "glad for him, truly, and Linda is nice enough. Since the wedding, though, I feel "
        "like a visitor in my own family. Christmas is at hers now with her children and "
        "grandchildren, and Mum's photos have gone from the hall into a drawer. I asked him "
        "last month to come to my son's football final and he said they had plans with "
        "Linda's lot. He's my dad! I'm 38 and I know it sounds childish, but it feels like "
        "I've lost both parents, one to dying and one to someone else. My husband says give "
        "it time. How long? Would it be wrong to tell Dad how I feel now he's happy again?"
    ),
    # The same letter sent twice with a line added: a reader who thought it was lost.
    "pushed-out-in-plymouth~twice": (
        "Sorry if this has come twice, I don't think the first one went. Dear Elizabeth, my "
        "dad got remarried in the spring, four years after Mum died. I was happy for him, I "
        "really was, and Linda is nice enough. But since the wedding I feel like a guest in "
        "my own family. Christmas is at hers now, with her kids and grandkids, and the photos "
        "of Mum have gone from the hall into a drawer. Last month I rang to ask if he wanted "
        "to come to my son's football final and he said they had plans with Linda's lot. "
        "He's my dad. I'm 38 and I know it sounds childish but I feel like I've lost both "
        "parents now. How much time? And is it wrong to tell Dad how I feel?"
    ),
    # The demo's "Uptight in Sheffield", the story retold with the details shuffled.
    "uptight-in-sheffield~reworded": (
        "Hello Elizabeth, I'm at my wits' end and I don't know if you answer this sort of "
        "thing. Last year I found a flatmate online and we share a flat in Sheffield. It was "
        "fine at first, but now she eats my food and borrows my clothes without asking, and "
        "her boyfriend is round four nights a week using my shampoo and never cleaning the "
        "bath. I pay half the rent for a third of the flat. I left her a note on the fridge; "
        "she left one back saying I was passive aggressive and should just talk to her. "
        "When I did, she laughed and said I was 'very uptight'. I'm 24 and going mad, and "
        "the lease runs till August. Do I put up with it, or is there something I can say "
        "that actually works? I hate confrontation; I'm shaking as I type."
    ),
    # A new story on the same theme (a flatmate), which must not join the one above.
    "noisy-flatmate-in-hull": (
        "Dear Elizabeth, my flatmate plays music until three in the morning and I start work "
        "at seven. I have asked nicely twice. He apologises, turns it down for a night, and "
        "then it starts again. We were friends at university and I don't want to lose that, "
        "but I'm exhausted and my manager has noticed. Should I move out when our tenancy "
        "ends in March, or is there a way to say it that he will finally hear?"
    ),
}

# Letters in other scripts: two tellings of one story in Hindi (which must group), and
# unrelated stories in Russian and Chinese (which must join nothing).
OTHER_SCRIPTS = {
    "hindi-sister~first": (
        "प्रिय एलिज़ाबेथ, मेरी छोटी बहन की शादी अगले महीने है और उसने मुझे दुल्हन की सहेली नहीं "
        "बनाया। उसने अपनी कॉलेज की दोस्त को चुना। मैं मुस्कुराती रही, पर अंदर से बहुत दुख हुआ। "
        "क्या मुझे उससे बात करनी चाहिए या चुप रहना चाहिए?"
    ),
    "hindi-sister~reworded": (
        "प्रिय एलिज़ाबेथ, अगले महीने मेरी छोटी बहन की शादी है, और उसने अपनी कॉलेज की दोस्त को "
        "दुल्हन की सहेली चुना, मुझे नहीं। मैं ऊपर से मुस्कुराती रही पर अंदर से बहुत दुख हुआ। "
        "मुझे उससे बात करनी चाहिए, या चुप रहूँ?"
    ),
    "russian-neighbour": (
        "Дорогая Элизабет, моя соседка каждый вечер стучит в стену, когда мой сын играет на "
        "пианино, хотя он занимается только до восьми часов. Я пыталась поговорить с ней, "
        "но она отворачивается. Как нам жить рядом спокойно?"
    ),
    "chinese-father": (
        "亲爱的伊丽莎白，我父亲退休以后每天都给我打好几次电话，问我吃了什么、几点回家。"
        "我知道他很孤独，可是我工作很忙，有时候会不耐烦。我该怎么跟他说，才不会伤他的心？"
    ),
}

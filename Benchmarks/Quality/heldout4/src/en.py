# English passages of heldout4 (original texts, written 2026-12-08).
# P(id, published, text, mentions [(surface, key[, "opt"])], dates [(surface, value, precision[, "rel"])],
#   not_dates, events [(type, participants, date, modality, evidence)], notes)

P("en-t01", "1991-12-22",
  "ALMA-ATA, Dec 22 (Reuters) - Leaders of eleven former Soviet republics signed a declaration in the Kazakh "
  "capital on Saturday enlarging the Commonwealth of Independent States, which Russia, Ukraine and Belarus had set "
  "up near Minsk two weeks ago. The Alma-Ata Declaration commits the members to respect each other's borders and "
  "to keep a single command over strategic forces.\n"
  "Georgia sent only observers and did not join. Kazakh President Nursultan Nazarbayev told reporters the "
  "Commonwealth was \"neither a state nor a superstate\". The leaders also agreed that Russia would take over the "
  "Soviet Union's seat on the UN Security Council, and they will meet again in Minsk on December 30 to settle the "
  "future of the armed forces. Mikhail Gorbachev is expected to step down within days.",
  [("ALMA-ATA", "almaty"), ("Reuters", "reuters", "opt"), ("Commonwealth of Independent States", "cis"),
   ("Russia", "russia"), ("Ukraine", "ukraine"), ("Belarus", "belarus"), ("Minsk", "minsk"),
   ("Alma-Ata Declaration", "alma-ata-declaration"), ("Georgia", "georgia"), ("Nursultan Nazarbayev", "nazarbayev"),
   ("Commonwealth", "cis"), ("Russia", "russia"), ("Soviet Union's", "ussr"), ("UN Security Council", "unsc"),
   ("Minsk", "minsk"), ("Mikhail Gorbachev", "gorbachev")],
  [("Dec 22", "1991-12-22", "day"), ("Saturday", "1991-12-21", "day", "rel"),
   ("two weeks ago", "1991-12-08", "day", "rel"), ("December 30", "1991-12-30", "day")],
  [],
  [("agreement", ["cis", "alma-ata-declaration"], "1991-12-21", "asserted",
    "Leaders of eleven former Soviet republics signed a declaration in the Kazakh capital on Saturday"),
   ("membership", ["cis"], "1991-12-21", "asserted", "enlarging the Commonwealth of Independent States"),
   ("founding", ["russia", "ukraine", "belarus", "cis"], "1991-12-08", "asserted",
    "which Russia, Ukraine and Belarus had set up near Minsk two weeks ago"),
   ("membership", ["georgia", "cis"], "1991-12-21", "negated", "Georgia sent only observers and did not join"),
   ("statement", ["nazarbayev", "cis"], None, "asserted",
    "Kazakh President Nursultan Nazarbayev told reporters the Commonwealth"),
   ("agreement", ["russia", "ussr", "unsc"], "1991-12-21", "asserted",
    "The leaders also agreed that Russia would take over the Soviet Union's seat on the UN Security Council"),
   ("meeting", ["cis"], "1991-12-30", "planned", "they will meet again in Minsk on December 30")],
  notes="dateline ALMA-ATA vs the nested city in 'Alma-Ata Declaration'; 'the Kazakh capital', 'Soviet republics' "
        "(adjectives); 'two weeks ago' back to the Belovezha founding; 'Commonwealth' alone is a name; counted "
        "parties 'eleven republics'; a resignation that is no event type")

P("en-t02", "1994-11-23",
  "WASHINGTON, Nov 23 (Reuters) - The United States has secretly removed about 600 kg of weapons-grade uranium from "
  "Kazakhstan, Defense Secretary William Perry said on Wednesday, calling the airlift a major blow to nuclear "
  "smuggling from the former Soviet Union. The material, enough for more than 20 bombs, was flown from the Ulba "
  "metallurgical plant in Ust-Kamenogorsk to Dover air base aboard three C-5 transports.\n"
  "Kazakh officials said Almaty had first asked Washington for help in February, amid rumours that Iran was "
  "seeking the stockpile. Kazakhstan will receive tens of millions of dollars in return. The republic joined the "
  "Nuclear Non-Proliferation Treaty in February, and Perry said the two countries would sign a defence "
  "cooperation agreement next month.",
  [("WASHINGTON", "washington"), ("Reuters", "reuters", "opt"), ("United States", "usa"),
   ("Kazakhstan", "kazakhstan"), ("William Perry", "perry"), ("Soviet Union", "ussr"),
   ("Ulba metallurgical plant", "ulba"), ("Ust-Kamenogorsk", "ust-kamenogorsk"), ("Dover air base", "dover-afb"),
   ("Almaty", "almaty"), ("Washington", "washington"), ("Iran", "iran"), ("Kazakhstan", "kazakhstan"),
   ("Nuclear Non-Proliferation Treaty", "npt"), ("Perry", "perry")],
  [("Nov 23", "1994-11-23", "day"), ("Wednesday", "1994-11-23", "day", "rel"), ("February", "1994-02", "month"),
   ("February", "1994-02", "month"), ("next month", "1994-12", "month", "rel")],
  ["600 kg", "20 bombs", "C-5"],
  [("cooperation", ["usa", "kazakhstan"], None, "asserted",
    "The United States has secretly removed about 600 kg of weapons-grade uranium from Kazakhstan"),
   ("statement", ["perry", "usa"], "1994-11-23", "asserted", "Defense Secretary William Perry said on Wednesday"),
   ("cooperation", ["kazakhstan", "usa"], "1994-02", "proposed",
    "Almaty had first asked Washington for help in February"),
   ("cooperation", ["kazakhstan", "usa"], None, "planned", "Kazakhstan will receive tens of millions of dollars"),
   ("membership", ["kazakhstan", "npt"], "1994-02", "asserted",
    "The republic joined the Nuclear Non-Proliferation Treaty in February"),
   ("agreement", ["usa", "kazakhstan"], "1994-12", "planned",
    "the two countries would sign a defence cooperation agreement next month")],
  notes="publication-day weekday; the same month name twice (two different events); 'Almaty asked Washington' = "
        "cooperation/proposed with capitals standing for states; rumour about Iran is no event; 'the republic', "
        "'the two countries' anaphors; C-5 and weights are no dates")

P("en-t03", "2005-11-15",
  "BRUSSELS, Nov 15 (Reuters) - European Union foreign ministers on Monday imposed an arms embargo on Uzbekistan "
  "and barred 12 senior officials from entering the bloc, after Tashkent refused to allow an independent "
  "international inquiry into the killings in Andijan in May. Rights groups say hundreds of people died when "
  "troops fired on a crowd in the eastern city on May 13; the government puts the toll at 187.\n"
  "The Uzbek Foreign Ministry called the measures \"a gross interference\". Ties with Washington have also "
  "soured: the last U.S. aircraft are due to leave the Karshi-Khanabad base later this month, after President "
  "Islam Karimov gave them 180 days to go in July. Karimov instead signed a Treaty on Allied Relations with "
  "Russian President Vladimir Putin in Moscow on Monday.",
  [("BRUSSELS", "brussels"), ("Reuters", "reuters", "opt"), ("European Union", "eu"), ("Uzbekistan", "uzbekistan"),
   ("Tashkent", "tashkent"), ("Andijan", "andijan"), ("Uzbek Foreign Ministry", "uzbekistan-mfa"),
   ("Washington", "washington"), ("U.S.", "usa"), ("Karshi-Khanabad", "karshi-khanabad"),
   ("Islam Karimov", "karimov"), ("Karimov", "karimov"), ("Treaty on Allied Relations", "uz-ru-alliance-treaty"),
   ("Vladimir Putin", "putin"), ("Moscow", "moscow")],
  [("Nov 15", "2005-11-15", "day"), ("Monday", "2005-11-14", "day", "rel"), ("May", "2005-05", "month"),
   ("May 13", "2005-05-13", "day"), ("later this month", "2005-11", "month", "rel"), ("July", "2005-07", "month"),
   ("Monday", "2005-11-14", "day", "rel")],
  ["12 senior officials", "187", "180 days"],
  [("dispute", ["eu", "uzbekistan"], "2005-11-14", "asserted",
    "European Union foreign ministers on Monday imposed an arms embargo on Uzbekistan"),
   ("cooperation", ["uzbekistan", "eu", "andijan"], None, "negated",
    "Tashkent refused to allow an independent international inquiry into the killings in Andijan"),
   ("military", ["uzbekistan", "andijan"], "2005-05-13", "asserted",
    "hundreds of people died when troops fired on a crowd in the eastern city on May 13"),
   ("statement", ["uzbekistan-mfa", "eu"], None, "asserted",
    "The Uzbek Foreign Ministry called the measures \"a gross interference\""),
   ("military", ["usa", "karshi-khanabad"], "2005-11", "planned",
    "the last U.S. aircraft are due to leave the Karshi-Khanabad base later this month"),
   ("dispute", ["karimov", "uzbekistan", "usa"], "2005-07", "asserted",
    "Islam Karimov gave them 180 days to go in July"),
   ("agreement", ["karimov", "putin", "uzbekistan", "russia", "uz-ru-alliance-treaty", "moscow"], "2005-11-14",
    "asserted", "Karimov instead signed a Treaty on Allied Relations with")],
  notes="'May' then 'May 13' (two dates); 'Monday' twice for two events of the same day; 'the bloc', 'the eastern "
        "city' anaphors; 'Uzbek', 'Russian' adjectives; eviction deadline as a dispute; the refused inquiry negated; "
        "Moscow as the destination of Karimov's signing trip")

P("en-t04", "2006-09-08",
  "SEMIPALATINSK, Kazakhstan, Sept 8 (Reuters) - Five Central Asian states signed the Treaty on a "
  "Nuclear-Weapon-Free Zone in Central Asia on Friday at the former test site where the Soviet Union carried out "
  "456 explosions between 1949 and 1989. Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan pledged "
  "not to produce, acquire or host nuclear arms.\n"
  "The United States, Britain and France objected to the treaty, arguing that the Collective Security Treaty "
  "signed in Tashkent in 1992 could still let Russia move weapons into the region. U.S. officials said Washington "
  "would not sign the protocol giving security guarantees unless the text was changed. Russia and China welcomed "
  "the signing. The pact will enter into force once all five parliaments ratify it, which diplomats said could "
  "take two years.",
  [("SEMIPALATINSK", "semey"), ("Kazakhstan", "kazakhstan"), ("Reuters", "reuters", "opt"),
   ("Treaty on a Nuclear-Weapon-Free Zone in Central Asia", "canwfz"), ("Soviet Union", "ussr"),
   ("Kazakhstan", "kazakhstan"), ("Kyrgyzstan", "kyrgyzstan"), ("Tajikistan", "tajikistan"),
   ("Turkmenistan", "turkmenistan"), ("Uzbekistan", "uzbekistan"), ("United States", "usa"), ("Britain", "uk"),
   ("France", "france"), ("Collective Security Treaty", "collective-security-treaty"), ("Tashkent", "tashkent"),
   ("Russia", "russia"), ("U.S.", "usa"), ("Washington", "washington"), ("Russia", "russia"), ("China", "china")],
  [("Sept 8", "2006-09-08", "day"), ("Friday", "2006-09-08", "day", "rel"),
   ("between 1949 and 1989", "1949/1989", "range"), ("1992", "1992", "year")],
  ["456 explosions", "two years"],
  [("agreement", ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "canwfz"], "2006-09-08",
    "asserted", "Five Central Asian states signed the Treaty on a Nuclear-Weapon-Free Zone in Central Asia on Friday"),
   ("military", ["ussr", "semey"], "1949/1989", "asserted",
    "where the Soviet Union carried out 456 explosions between 1949 and 1989"),
   ("dispute", ["usa", "uk", "france", "canwfz"], None, "asserted",
    "The United States, Britain and France objected to the treaty"),
   ("agreement", ["collective-security-treaty"], "1992", "asserted",
    "the Collective Security Treaty signed in Tashkent in 1992"),
   ("agreement", ["usa", "canwfz"], None, "negated",
    "Washington would not sign the protocol giving security guarantees unless the text was changed"),
   ("statement", ["russia", "china", "canwfz"], None, "asserted", "Russia and China welcomed the signing"),
   ("agreement", ["canwfz"], None, "planned", "The pact will enter into force once all five parliaments ratify it")],
  notes="treaty name containing a region (no own mention); 'between 1949 and 1989' range; background signing of "
        "1992 inside an argument; 'would not sign ... unless' negated; 'all five parliaments', 'the pact' anaphors; "
        "'could take two years' is a duration")

P("en-t05", "2010-06-13",
  "BISHKEK, June 13 (Reuters) - Kyrgyzstan's interim leader Roza Otunbayeva asked Russia on Saturday to send troops "
  "to stop ethnic violence in the southern city of Osh, but the Kremlin said it would not intervene in what it "
  "called an internal conflict. Dozens of people have been killed since clashes between Kyrgyz and Uzbek gangs "
  "broke out on Thursday night, and thousands of ethnic Uzbeks have fled towards the border with Uzbekistan.\n"
  "A spokeswoman for Russian President Dmitry Medvedev said the crisis could be discussed by the Collective "
  "Security Treaty Organisation, whose security council secretaries will meet in Moscow on Monday. Uzbekistan has "
  "opened its border to refugees, an official in Tashkent said. Otunbayeva's government, which took power after "
  "Kurmanbek Bakiyev fled in April, declared a state of emergency in the Osh region.",
  [("BISHKEK", "bishkek"), ("Reuters", "reuters", "opt"), ("Kyrgyzstan's", "kyrgyzstan"),
   ("Roza Otunbayeva", "otunbayeva"), ("Russia", "russia"), ("Osh", "osh"), ("Kremlin", "kremlin"),
   ("Uzbeks", "uzbeks"), ("Uzbekistan", "uzbekistan"), ("Dmitry Medvedev", "medvedev"),
   ("Collective Security Treaty Organisation", "csto"), ("Moscow", "moscow"), ("Uzbekistan", "uzbekistan"),
   ("Tashkent", "tashkent"), ("Otunbayeva's", "otunbayeva"), ("Kurmanbek Bakiyev", "bakiyev"),
   ("Osh region", "osh-region")],
  [("June 13", "2010-06-13", "day"), ("Saturday", "2010-06-12", "day", "rel"),
   ("Thursday", "2010-06-10", "day", "rel"), ("Monday", "2010-06-14", "day", "rel"), ("April", "2010-04", "month")],
  [],
  [("military", ["otunbayeva", "kyrgyzstan", "russia"], "2010-06-12", "proposed",
    "Roza Otunbayeva asked Russia on Saturday to send troops"),
   ("military", ["russia", "kyrgyzstan"], "2010-06-12", "negated", "the Kremlin said it would not intervene"),
   ("military", ["uzbeks", "osh"], "2010-06-10/2010-06-13", "asserted",
    "Dozens of people have been killed since clashes between Kyrgyz and Uzbek gangs"),
   ("statement", ["medvedev", "russia", "csto"], None, "asserted",
    "A spokeswoman for Russian President Dmitry Medvedev said the crisis could be discussed"),
   ("meeting", ["csto"], "2010-06-14", "planned", "whose security council secretaries will meet in Moscow on Monday"),
   ("cooperation", ["uzbekistan", "uzbeks"], None, "asserted", "Uzbekistan has opened its border to refugees")],
  notes="'asked Russia to send troops' = military/proposed, refusal in the same sentence; Kremlin standing for Russia; "
        "'Kyrgyz and Uzbek gangs' adjectives vs 'ethnic Uzbeks' (group); 'Osh' vs 'Osh region'; future Monday; "
        "a change of power and a state of emergency that are no event types")

P("en-t06", "2013-09-08",
  "ASTANA, Sept 8 (Reuters) - Chinese President Xi Jinping proposed on Saturday that China and Central Asian "
  "countries jointly build a \"Silk Road Economic Belt\" of roads, railways and pipelines stretching from the "
  "Pacific to the Baltic. Speaking at Nazarbayev University in Astana, Xi said Beijing would never interfere in "
  "its neighbours' internal affairs or seek a sphere of influence in the region.\n"
  "Xi and President Nursultan Nazarbayev signed deals worth about $30 billion, including China's purchase of a "
  "stake in the Kashagan oil field from ConocoPhillips. Xi arrived from Turkmenistan, where he inaugurated the "
  "Galkynysh gas field on Thursday, and will travel to Uzbekistan and Kyrgyzstan before the Shanghai Cooperation "
  "Organisation summit in Bishkek on Friday.",
  [("ASTANA", "astana"), ("Reuters", "reuters", "opt"), ("Xi Jinping", "xi-jinping"), ("China", "china"),
   ("Silk Road Economic Belt", "silk-road-economic-belt"), ("Pacific", "pacific-ocean"), ("Baltic", "baltic-sea"),
   ("Nazarbayev University", "nazarbayev-university"), ("Astana", "astana"), ("Xi", "xi-jinping"),
   ("Beijing", "beijing"), ("Xi", "xi-jinping"), ("Nursultan Nazarbayev", "nazarbayev"), ("China's", "china"),
   ("Kashagan oil field", "kashagan"), ("ConocoPhillips", "conocophillips"), ("Xi", "xi-jinping"),
   ("Turkmenistan", "turkmenistan"), ("Galkynysh gas field", "galkynysh"), ("Uzbekistan", "uzbekistan"),
   ("Kyrgyzstan", "kyrgyzstan"), ("Shanghai Cooperation Organisation", "sco"), ("Bishkek", "bishkek")],
  [("Sept 8", "2013-09-08", "day"), ("Saturday", "2013-09-07", "day", "rel"), ("Thursday", "2013-09-05", "day", "rel"),
   ("Friday", "2013-09-13", "day", "rel")],
  ["$30 billion"],
  [("proposal", ["xi-jinping", "china", "silk-road-economic-belt"], "2013-09-07", "asserted",
    "Chinese President Xi Jinping proposed on Saturday that China and Central Asian countries jointly build"),
   ("statement", ["xi-jinping", "china"], "2013-09-07", "asserted",
    "Xi said Beijing would never interfere in its neighbours' internal affairs"),
   ("agreement", ["xi-jinping", "nazarbayev", "china", "kazakhstan"], None, "asserted",
    "Xi and President Nursultan Nazarbayev signed deals worth about $30 billion"),
   ("cooperation", ["china", "kashagan", "conocophillips"], None, "asserted",
    "including China's purchase of a stake in the Kashagan oil field from ConocoPhillips"),
   ("cooperation", ["xi-jinping", "turkmenistan", "galkynysh"], "2013-09-05", "asserted",
    "where he inaugurated the Galkynysh gas field on Thursday"),
   ("meeting", ["xi-jinping", "china", "uzbekistan", "kyrgyzstan"], None, "planned",
    "will travel to Uzbekistan and Kyrgyzstan before the Shanghai"),
   ("meeting", ["sco"], "2013-09-13", "planned", "Cooperation Organisation summit in Bishkek on Friday")],
  notes="'Xi' alone several times after the full name; 'Nazarbayev' nested in the university's name (no own "
        "mention); past (Thursday) and future (Friday) weekdays around the publication day; 'proposed that ... build' "
        "is a proposal that was made; Central Asian adjective; Kazakhstan only implied (participant, no mention)")

P("en-t07", "2018-03-16",
  "ASTANA, March 16 (Reuters) - The leaders of Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan met in the Kazakh "
  "capital on Thursday for the first summit of the region's states without Russia or any other outside power in "
  "more than a decade. Turkmenistan was represented by parliament speaker Gulshat Mammedova rather than by "
  "President Gurbanguly Berdimuhamedov.\n"
  "The meeting, proposed by Uzbek President Shavkat Mirziyoyev at the UN General Assembly last September, ended "
  "without a joint declaration, but the leaders will meet again in Tashkent in 2019. Nursultan Nazarbayev said the "
  "talks were \"not aimed against anyone\", a phrase diplomats read as a message to Moscow. Kyrgyz President "
  "Sooronbay Jeenbekov and Tajikistan's Emomali Rahmon also discussed border demarcation in the Fergana Valley on "
  "the sidelines.",
  [("ASTANA", "astana"), ("Reuters", "reuters", "opt"), ("Kazakhstan", "kazakhstan"), ("Kyrgyzstan", "kyrgyzstan"),
   ("Tajikistan", "tajikistan"), ("Uzbekistan", "uzbekistan"), ("Russia", "russia"), ("Turkmenistan", "turkmenistan"),
   ("Gulshat Mammedova", "mammedova"), ("Gurbanguly Berdimuhamedov", "berdimuhamedov"),
   ("Shavkat Mirziyoyev", "mirziyoyev"), ("UN General Assembly", "un-general-assembly"), ("Tashkent", "tashkent"),
   ("Nursultan Nazarbayev", "nazarbayev"), ("Moscow", "moscow"), ("Sooronbay Jeenbekov", "jeenbekov"),
   ("Tajikistan's", "tajikistan"), ("Emomali Rahmon", "rahmon"), ("Fergana Valley", "fergana-valley")],
  [("March 16", "2018-03-16", "day"), ("Thursday", "2018-03-15", "day", "rel"),
   ("last September", "2017-09", "month", "rel"), ("2019", "2019", "year")],
  [],
  [("meeting", ["kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "turkmenistan"], "2018-03-15", "asserted",
    "The leaders of Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan met in the Kazakh capital on Thursday"),
   ("meeting", ["berdimuhamedov", "turkmenistan"], "2018-03-15", "negated",
    "Turkmenistan was represented by parliament speaker Gulshat Mammedova rather than by"),
   ("proposal", ["mirziyoyev", "uzbekistan"], "2017-09", "asserted",
    "The meeting, proposed by Uzbek President Shavkat Mirziyoyev at the UN General Assembly last September"),
   ("agreement", ["kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan"], "2018-03-15", "negated",
    "ended without a joint declaration"),
   ("meeting", ["kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan"], "2019", "planned",
    "but the leaders will meet again in Tashkent in 2019"),
   ("statement", ["nazarbayev", "kazakhstan"], None, "asserted",
    "Nursultan Nazarbayev said the talks were \"not aimed against anyone\""),
   ("meeting", ["jeenbekov", "rahmon", "kyrgyzstan", "tajikistan"], "2018-03-15", "asserted",
    "Sooronbay Jeenbekov and Tajikistan's Emomali Rahmon also discussed border demarcation")],
  notes="an absent head of state ('rather than by') = negated meeting; a proposal made last September for the summit "
        "that then happened; summit without declaration (negated agreement) and next summit planned in one sentence; "
        "'the region's states', 'the leaders' anaphors; Moscow standing for Russia (no event)")

P("en-t08", "2018-08-12",
  "AKTAU, Kazakhstan, Aug 12 (Reuters) - The leaders of Russia, Iran, Kazakhstan, Azerbaijan and Turkmenistan signed "
  "a convention on Sunday settling the legal status of the Caspian Sea after more than two decades of wrangling. "
  "The Convention on the Legal Status of the Caspian Sea leaves most of the surface for common use but says the "
  "seabed is to be divided by later deals between neighbours.\n"
  "Iranian President Hassan Rouhani said seabed borders still needed more discussion, while Russian President "
  "Vladimir Putin called the deal a milestone. Turkmenistan has long sought a Trans-Caspian gas pipeline to "
  "Azerbaijan, which Moscow and Tehran had opposed; the text allows such pipelines if they meet environmental "
  "rules. The next Caspian summit will be held in Tehran. Environmental groups said the five states should first "
  "agree a joint plan to save the sea's shrinking sturgeon stocks.",
  [("AKTAU", "aktau"), ("Kazakhstan", "kazakhstan"), ("Reuters", "reuters", "opt"), ("Russia", "russia"),
   ("Iran", "iran"), ("Kazakhstan", "kazakhstan"), ("Azerbaijan", "azerbaijan"), ("Turkmenistan", "turkmenistan"),
   ("Caspian Sea", "caspian-sea"), ("Convention on the Legal Status of the Caspian Sea", "caspian-convention"),
   ("Hassan Rouhani", "rouhani"), ("Vladimir Putin", "putin"), ("Turkmenistan", "turkmenistan"),
   ("Trans-Caspian gas pipeline", "trans-caspian-pipeline"), ("Azerbaijan", "azerbaijan"), ("Moscow", "moscow"),
   ("Tehran", "tehran"), ("Tehran", "tehran")],
  [("Aug 12", "2018-08-12", "day"), ("Sunday", "2018-08-12", "day", "rel")],
  [],
  [("agreement", ["russia", "iran", "kazakhstan", "azerbaijan", "turkmenistan", "caspian-convention"], "2018-08-12",
    "asserted", "The leaders of Russia, Iran, Kazakhstan, Azerbaijan and Turkmenistan signed a convention on Sunday"),
   ("statement", ["rouhani", "iran"], None, "asserted",
    "Iranian President Hassan Rouhani said seabed borders still needed more discussion"),
   ("statement", ["putin", "russia"], None, "asserted", "Vladimir Putin called the deal a milestone"),
   ("cooperation", ["turkmenistan", "azerbaijan", "trans-caspian-pipeline"], None, "proposed",
    "Turkmenistan has long sought a Trans-Caspian gas pipeline to"),
   ("dispute", ["russia", "iran", "trans-caspian-pipeline"], None, "asserted", "which Moscow and Tehran had opposed"),
   ("meeting", ["russia", "iran", "kazakhstan", "azerbaijan", "turkmenistan"], None, "planned",
    "The next Caspian summit will be held in Tehran"),
   ("agreement", ["russia", "iran", "kazakhstan", "azerbaijan", "turkmenistan", "caspian-sea"], None, "recommended",
    "the five states should first agree a joint plan to save the sea's shrinking sturgeon stocks")],
  notes="sea named inside the convention's name (one mention) and alone before it; 'Caspian' inside 'Trans-Caspian'; "
        "Iranian/Russian adjectives; two statements in one sentence; Moscow and Tehran standing for the states; "
        "'if they meet environmental rules' is a condition, not an event; undated future summit")

P("en-t09", "2022-09-14",
  "ASTANA, Sept 14 (Reuters) - Chinese President Xi Jinping chose Kazakhstan for his first trip abroad since the "
  "COVID-19 pandemic began, holding talks with President Kassym-Jomart Tokayev in Astana on Wednesday before "
  "flying on to Samarkand for a summit of the Shanghai Cooperation Organisation. Xi told Tokayev that China would "
  "firmly support Kazakhstan's independence and territorial integrity, a remark widely read as a signal to Moscow "
  "after Russia's invasion of Ukraine in February.\n"
  "The two presidents signed a joint statement and agreed to open a third railway crossing on their border by "
  "2025. Xi is due to meet Russian President Vladimir Putin in Samarkand on Thursday, their first meeting since "
  "the war began. A Moscow tabloid reported that China had offered Kazakhstan security guarantees, a claim "
  "Beijing did not confirm.",
  [("ASTANA", "astana"), ("Reuters", "reuters", "opt"), ("Xi Jinping", "xi-jinping"), ("Kazakhstan", "kazakhstan"),
   ("Kassym-Jomart Tokayev", "tokayev"), ("Astana", "astana"), ("Samarkand", "samarkand"),
   ("Shanghai Cooperation Organisation", "sco"), ("Xi", "xi-jinping"), ("Tokayev", "tokayev"), ("China", "china"),
   ("Kazakhstan's", "kazakhstan"), ("Moscow", "moscow"), ("Russia's", "russia"), ("Ukraine", "ukraine"),
   ("Xi", "xi-jinping"), ("Vladimir Putin", "putin"), ("Samarkand", "samarkand"), ("Moscow", "moscow"),
   ("China", "china"), ("Kazakhstan", "kazakhstan"), ("Beijing", "beijing")],
  [("Sept 14", "2022-09-14", "day"), ("Wednesday", "2022-09-14", "day", "rel"), ("February", "2022-02", "month"),
   ("2025", "2025", "year"), ("Thursday", "2022-09-15", "day", "rel")],
  ["COVID-19"],
  [("meeting", ["xi-jinping", "tokayev", "china", "kazakhstan"], "2022-09-14", "asserted",
    "holding talks with President Kassym-Jomart Tokayev in Astana on Wednesday"),
   ("meeting", ["sco", "xi-jinping"], None, "planned",
    "before flying on to Samarkand for a summit of the Shanghai Cooperation Organisation"),
   ("statement", ["xi-jinping", "china", "kazakhstan"], "2022-09-14", "asserted",
    "Xi told Tokayev that China would firmly support Kazakhstan's independence"),
   ("military", ["russia", "ukraine"], "2022-02", "asserted", "after Russia's invasion of Ukraine in February"),
   ("agreement", ["xi-jinping", "tokayev", "china", "kazakhstan"], "2022-09-14", "asserted",
    "The two presidents signed a joint statement"),
   ("cooperation", ["china", "kazakhstan"], "2025", "planned",
    "agreed to open a third railway crossing on their border by"),
   ("meeting", ["xi-jinping", "putin", "china", "russia"], "2022-09-15", "planned",
    "Xi is due to meet Russian President Vladimir Putin in Samarkand on Thursday"),
   ("cooperation", ["china", "kazakhstan"], None, "reported",
    "A Moscow tabloid reported that China had offered Kazakhstan security guarantees"),
   ("statement", ["china"], None, "negated", "a claim Beijing did not confirm")],
  notes="a tabloid's claim the text distances itself from (reported) and a non-confirmation (negated statement); "
        "'Moscow tabloid' as a mention of the city; 'The two presidents' counted parties; 'by 2025' deadline; COVID-19 is no date; background invasion in February; "
        "weekday equal to the publication day and the next day; 'their border', 'the war' anaphors")

P("en-t10", "2023-05-19",
  "XI'AN, China, May 19 (Reuters) - Chinese President Xi Jinping on Friday unveiled a development plan for Central "
  "Asia, offering 26 billion yuan ($3.7 billion) in loans and grants at the first China-Central Asia summit held in "
  "person. Xi also urged the five leaders to speed up work on Line D of the Central Asia-China gas pipeline.\n"
  "The presidents of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan signed the Xi'an Declaration "
  "and agreed to hold the next summit in Kazakhstan in 2025. The two-day gathering opened on Thursday as Group of "
  "Seven leaders arrived in Hiroshima, where a G7 communique due on Saturday is expected to criticise China's "
  "economic coercion.",
  [("XI'AN", "xian"), ("China", "china"), ("Reuters", "reuters", "opt"), ("Xi Jinping", "xi-jinping"),
   ("Central Asia", "central-asia"), ("China-Central Asia summit", "china-central-asia"), ("Xi", "xi-jinping"),
   ("Central Asia-China gas pipeline", "central-asia-china-pipeline"), ("Kazakhstan", "kazakhstan"),
   ("Kyrgyzstan", "kyrgyzstan"), ("Tajikistan", "tajikistan"), ("Turkmenistan", "turkmenistan"),
   ("Uzbekistan", "uzbekistan"), ("Xi'an Declaration", "xian-declaration"), ("Kazakhstan", "kazakhstan"),
   ("Group of Seven", "g7"), ("Hiroshima", "hiroshima"), ("G7", "g7"), ("China's", "china")],
  [("May 19", "2023-05-19", "day"), ("Friday", "2023-05-19", "day", "rel"), ("2025", "2025", "year"),
   ("Thursday", "2023-05-18", "day", "rel"), ("Saturday", "2023-05-20", "day", "rel")],
  ["26 billion yuan", "$3.7 billion"],
  [("cooperation", ["xi-jinping", "china", "central-asia"], "2023-05-19", "asserted",
    "offering 26 billion yuan ($3.7 billion) in loans and grants"),
   ("meeting", ["china-central-asia", "china", "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"],
    "2023-05-18/2023-05-19", "asserted", "at the first China-Central Asia summit held in person"),
   ("cooperation", ["xi-jinping", "china", "central-asia-china-pipeline"], None, "proposed",
    "Xi also urged the five leaders to speed up work on Line D"),
   ("agreement", ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "xian-declaration"],
    "2023-05-18/2023-05-19", "asserted",
    "Turkmenistan and Uzbekistan signed the Xi'an Declaration"),
   ("meeting", ["china-central-asia", "kazakhstan"], "2025", "planned",
    "agreed to hold the next summit in Kazakhstan in 2025"),
   ("meeting", ["g7"], "2023-05-18", "asserted", "as Group of Seven leaders arrived in Hiroshima"),
   ("dispute", ["g7", "china"], "2023-05-20", "planned",
    "a G7 communique due on Saturday is expected to criticise China's")],
  notes="'Xi' inside XI'AN and Xi'an Declaration (no own mention); 'Central Asia' nested in the summit's and "
        "pipeline's names; 'the five leaders' anaphor; two-day gathering dated by its range; a communique expected "
        "on Saturday (planned dispute); yuan and dollar amounts")

P("en-t11", "2024-07-04",
  "ASTANA, July 4 (Reuters) - Belarus became the tenth member of the Shanghai Cooperation Organisation on "
  "Thursday, as leaders met in the Kazakh capital for a summit hosted by President Kassym-Jomart Tokayev. "
  "Belarusian President Alexander Lukashenko, whose country had been an observer since 2015, thanked China and "
  "Russia for their support.\n"
  "Chinese President Xi Jinping and Russian President Vladimir Putin held talks on Wednesday on the sidelines, "
  "their second meeting in less than two months. Indian Prime Minister Narendra Modi skipped the gathering and sent "
  "Foreign Minister Subrahmanyam Jaishankar instead. Turkmenistan, citing its neutrality, has refused to seek even "
  "observer status. The next summit will be held in China in 2025, Tokayev said.",
  [("ASTANA", "astana"), ("Reuters", "reuters", "opt"), ("Belarus", "belarus"),
   ("Shanghai Cooperation Organisation", "sco"), ("Kassym-Jomart Tokayev", "tokayev"),
   ("Alexander Lukashenko", "lukashenko"), ("China", "china"), ("Russia", "russia"), ("Xi Jinping", "xi-jinping"),
   ("Vladimir Putin", "putin"), ("Narendra Modi", "modi"), ("Subrahmanyam Jaishankar", "jaishankar"),
   ("Turkmenistan", "turkmenistan"), ("China", "china"), ("Tokayev", "tokayev")],
  [("July 4", "2024-07-04", "day"), ("Thursday", "2024-07-04", "day", "rel"), ("since 2015", "2015/..", "range"),
   ("Wednesday", "2024-07-03", "day", "rel"), ("2025", "2025", "year")],
  [],
  [("membership", ["belarus", "sco"], "2024-07-04", "asserted",
    "Belarus became the tenth member of the Shanghai Cooperation Organisation on"),
   ("meeting", ["sco", "tokayev", "kazakhstan"], "2024-07-04", "asserted",
    "as leaders met in the Kazakh capital for a summit hosted by President Kassym-Jomart Tokayev"),
   ("cooperation", ["belarus", "sco"], "2015/..", "asserted", "whose country had been an observer since 2015"),
   ("statement", ["lukashenko", "belarus", "china", "russia"], None, "asserted",
    "thanked China and Russia for their support"),
   ("meeting", ["xi-jinping", "putin", "china", "russia"], "2024-07-03", "asserted",
    "Chinese President Xi Jinping and Russian President Vladimir Putin held talks on Wednesday"),
   ("meeting", ["modi", "india", "sco"], None, "negated", "Indian Prime Minister Narendra Modi skipped the gathering"),
   ("cooperation", ["turkmenistan", "sco"], None, "negated", "has refused to seek even observer status"),
   ("meeting", ["sco", "china"], "2025", "planned", "The next summit will be held in China in 2025")],
  notes="'Belarus' inside 'Belarusian'; 'since 2015' open range; observer status = cooperation (as in heldout3); "
        "a skipped summit (negated meeting); 'the Kazakh capital' for Astana; India and Kazakhstan only as "
        "adjectives (participants without mentions); 'less than two months' is no date")

P("en-t12", "2025-07-18",
  "KABUL, July 18 (Reuters) - Uzbekistan, Afghanistan and Pakistan signed a framework agreement in Kabul on "
  "Thursday to build the Trans-Afghan Railway, a 573-km line linking Termez to Peshawar via Mazar-i-Sharif and "
  "Kabul. The project was first discussed in 2018.\n"
  "Uzbek Foreign Minister Bakhtiyor Saidov said a feasibility study would be completed by the end of the year and "
  "that construction could start in 2027 if financing is secured. Kazakhstan, which hopes to ship grain to "
  "Pakistan along the line, has offered to take part, while the World Bank has said it will not lend to the "
  "Taliban administration. Russia became the first country to formally recognise the Taliban government earlier "
  "this month.",
  [("KABUL", "kabul"), ("Reuters", "reuters", "opt"), ("Uzbekistan", "uzbekistan"), ("Afghanistan", "afghanistan"),
   ("Pakistan", "pakistan"), ("Kabul", "kabul"), ("Trans-Afghan Railway", "trans-afghan-railway"),
   ("Termez", "termez"), ("Peshawar", "peshawar"), ("Mazar-i-Sharif", "mazar-i-sharif"), ("Kabul", "kabul"),
   ("Bakhtiyor Saidov", "saidov"), ("Kazakhstan", "kazakhstan"), ("Pakistan", "pakistan"),
   ("World Bank", "world-bank"), ("Taliban", "taliban"), ("Russia", "russia"), ("Taliban", "taliban")],
  [("July 18", "2025-07-18", "day"), ("Thursday", "2025-07-17", "day", "rel"), ("2018", "2018", "year"),
   ("by the end of the year", "2025-12", "month", "rel"), ("2027", "2027", "year"),
   ("earlier this month", "2025-07", "month", "rel")],
  ["573-km"],
  [("agreement", ["uzbekistan", "afghanistan", "pakistan", "trans-afghan-railway"], "2025-07-17", "asserted",
    "Uzbekistan, Afghanistan and Pakistan signed a framework agreement in Kabul on"),
   ("statement", ["saidov", "uzbekistan"], None, "asserted", "Uzbek Foreign Minister Bakhtiyor Saidov said"),
   ("cooperation", ["trans-afghan-railway"], "2025-12", "planned",
    "a feasibility study would be completed by the end of the year"),
   ("cooperation", ["trans-afghan-railway"], "2027", "hypothetical",
    "construction could start in 2027 if financing is secured"),
   ("cooperation", ["kazakhstan", "trans-afghan-railway"], None, "proposed",
    "Kazakhstan, which hopes to ship grain to Pakistan along the line, has offered to take part"),
   ("cooperation", ["world-bank", "afghanistan", "taliban"], None, "negated",
    "the World Bank has said it will not lend to the"),
   ("cooperation", ["russia", "taliban", "afghanistan"], "2025-07", "asserted",
    "Russia became the first country to formally recognise the Taliban government")],
  notes="'Afghan' inside the railway's name (no own mention); 'Kabul' as dateline, venue and route point; deadline "
        "'by the end of the year'; 'could ... if' hypothetical; 'has offered to take part' proposed; refusal to lend "
        "negated; recognition = cooperation; 'earlier this month' relative month")

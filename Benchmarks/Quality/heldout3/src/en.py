# English passages of heldout3 (original texts, written 2026-12-07).
# P(id, published, text, mentions [(surface, key[, "opt"])], dates [(surface, value, precision[, "rel"])],
#   not_dates, events [(type, participants, date, modality, evidence)], notes)

P("en-t01", "1995-05-31",
  "ALMATY, May 31 (Reuters) - Kazakhstan on Wednesday blew up the last nuclear explosive device left at the "
  "former Soviet test site near Semipalatinsk, a charge that had sat in a tunnel in the Degelen mountains since "
  "the testing moratorium of 1989. Officials said the last of the strategic warheads inherited from the Soviet "
  "Union had been shipped to Russia in April, leaving the republic free of nuclear weapons.\n"
  "The United States, which has pledged about $85 million under the Nunn-Lugar programme to help dismantle "
  "missile silos, welcomed the step. Foreign Minister Kassymzhomart Tokayev told reporters that Almaty would not "
  "seek compensation from Moscow for the uranium in the warheads, but would raise the clean-up of the test site "
  "with the IAEA next month.",
  [("ALMATY", "almaty"), ("Reuters", "reuters", "opt"), ("Kazakhstan", "kazakhstan"), ("Semipalatinsk", "semey"),
   ("Degelen mountains", "degelen"), ("Soviet Union", "ussr"), ("Russia", "russia"), ("United States", "usa"),
   ("Nunn-Lugar programme", "nunn-lugar"), ("Kassymzhomart Tokayev", "tokayev"), ("Almaty", "almaty"),
   ("Moscow", "moscow"), ("IAEA", "iaea")],
  [("May 31", "1995-05-31", "day"), ("Wednesday", "1995-05-31", "day", "rel"), ("1989", "1989", "year"),
   ("April", "1995-04", "month"), ("next month", "1995-06", "month", "rel")],
  ["$85 million"],
  [("military", ["kazakhstan", "semey"], "1995-05-31", "asserted",
    "Kazakhstan on Wednesday blew up the last nuclear explosive device"),
   ("military", ["kazakhstan", "russia"], "1995-04", "asserted",
    "the last of the strategic warheads inherited from the Soviet Union had been shipped to Russia in April"),
   ("cooperation", ["usa", "kazakhstan", "nunn-lugar"], None, "asserted",
    "which has pledged about $85 million under the Nunn-Lugar programme"),
   ("statement", ["usa", "kazakhstan"], None, "asserted", "to help dismantle missile silos, welcomed the step"),
   ("statement", ["tokayev", "kazakhstan"], None, "asserted",
    "Foreign Minister Kassymzhomart Tokayev told reporters"),
   ("dispute", ["kazakhstan", "russia"], None, "negated",
    "Almaty would not seek compensation from Moscow for the uranium in the warheads"),
   ("cooperation", ["kazakhstan", "iaea"], "1995-06", "planned",
    "would raise the clean-up of the test site with the IAEA next month")],
  notes="1995 spelling Kassymzhomart Tokayev (as foreign minister); Soviet adjective vs Soviet Union; Almaty and "
        "Moscow standing for the states; the test site is unnamed (only the city Semipalatinsk)")

P("en-t02", "1997-12-30",
  "ASHGABAT, Dec 30 (Reuters) - Turkmenistan and Iran on Monday opened a 200-km gas pipeline linking the Korpeje "
  "field to Kurt Kui in northern Iran, the first export route for Turkmen gas that bypasses Russia. President "
  "Saparmurat Niyazov and Iranian President Mohammad Khatami turned a valve at a ceremony at Korpeje, attended "
  "by Turkish officials.\n"
  "Turkmenistan will supply up to 8 billion cubic metres a year once the line reaches full capacity, the oil and "
  "gas ministry said. Gazprom, which has not bought Turkmen gas since March, declined to comment. Niyazov said "
  "Ashgabat had not given up on a pipeline to Turkey under the Caspian, but Washington's opposition to any route "
  "across Iran makes financing uncertain.",
  [("ASHGABAT", "ashgabat"), ("Reuters", "reuters", "opt"), ("Turkmenistan", "turkmenistan"), ("Iran", "iran"),
   ("Korpeje", "korpeje"), ("Kurt Kui", "kurt-kui"), ("Iran", "iran"), ("Russia", "russia"),
   ("Saparmurat Niyazov", "niyazov"), ("Mohammad Khatami", "khatami"), ("Korpeje", "korpeje"),
   ("Turkmenistan", "turkmenistan"), ("Gazprom", "gazprom"), ("Niyazov", "niyazov"), ("Ashgabat", "ashgabat"),
   ("Turkey", "turkey"), ("Caspian", "caspian-sea"), ("Washington's", "washington"), ("Iran", "iran")],
  [("Dec 30", "1997-12-30", "day"), ("Monday", "1997-12-29", "day", "rel"), ("since March", "1997-03/..", "range")],
  ["200-km", "8 billion"],
  [("cooperation", ["turkmenistan", "iran", "korpeje", "kurt-kui"], "1997-12-29", "asserted",
    "Turkmenistan and Iran on Monday opened a 200-km gas pipeline"),
   ("meeting", ["niyazov", "khatami", "turkmenistan", "iran"], "1997-12-29", "asserted",
    "Saparmurat Niyazov and Iranian President Mohammad Khatami turned a valve at a ceremony"),
   ("cooperation", ["turkmenistan", "iran"], None, "planned",
    "Turkmenistan will supply up to 8 billion cubic metres a year"),
   ("cooperation", ["gazprom", "turkmenistan"], "1997-03/..", "negated",
    "Gazprom, which has not bought Turkmen gas since March"),
   ("statement", ["gazprom"], None, "negated", "which has not bought Turkmen gas since March, declined to comment"),
   ("statement", ["niyazov", "turkmenistan"], None, "asserted",
    "Niyazov said Ashgabat had not given up on a pipeline to Turkey under the Caspian"),
   ("dispute", ["usa", "iran"], None, "asserted", "Washington's opposition to any route across Iran")],
  notes="'since March' open range; Turkmen/Iranian/Turkish adjectives; 'the oil and gas ministry' unnamed")

P("en-t03", "2001-10-08",
  "TASHKENT, Oct 8 - Uzbekistan has agreed to let U.S. forces use its Karshi-Khanabad air base for "
  "search-and-rescue and humanitarian flights into Afghanistan, but will not allow air strikes to be launched "
  "from its soil, President Islam Karimov said after talks with Defense Secretary Donald Rumsfeld on Friday. About "
  "1,000 soldiers of the 10th Mountain Division have already arrived at the base, some 150 km from the Afghan border.\n"
  "In return, diplomats said, Washington is expected to sign a security guarantee with Tashkent later this week. "
  "Karimov also asked the United States to target the Islamic Movement of Uzbekistan, whose fighters are believed "
  "to be sheltering with the Taliban. Kyrgyzstan's President Askar Akayev offered Manas airport near Bishkek for "
  "similar use on Sunday.",
  [("TASHKENT", "tashkent"), ("Uzbekistan", "uzbekistan"), ("U.S.", "usa"),
   ("Karshi-Khanabad air base", "karshi-khanabad"), ("Afghanistan", "afghanistan"), ("Islam Karimov", "karimov"),
   ("Donald Rumsfeld", "rumsfeld"), ("10th Mountain Division", "us-10th-mountain-division"),
   ("Washington", "washington"), ("Tashkent", "tashkent"), ("Karimov", "karimov"), ("United States", "usa"),
   ("Islamic Movement of Uzbekistan", "imu"), ("Taliban", "taliban"), ("Kyrgyzstan's", "kyrgyzstan"),
   ("Askar Akayev", "akayev"), ("Manas airport", "manas-airport"), ("Bishkek", "bishkek")],
  [("Oct 8", "2001-10-08", "day"), ("Friday", "2001-10-05", "day", "rel"),
   ("later this week", "2001-10-08/2001-10-14", "week", "rel"), ("Sunday", "2001-10-07", "day", "rel")],
  ["1,000 soldiers", "10th", "150 km"],
  [("military", ["uzbekistan", "usa", "karshi-khanabad"], "2001-10-05", "asserted",
    "Uzbekistan has agreed to let U.S. forces use its Karshi-Khanabad air base"),
   ("military", ["uzbekistan", "usa"], None, "negated",
    "will not allow air strikes to be launched from its soil"),
   ("meeting", ["karimov", "rumsfeld", "uzbekistan", "usa"], "2001-10-05", "asserted",
    "President Islam Karimov said after talks with Defense Secretary Donald Rumsfeld on Friday"),
   ("military", ["usa", "us-10th-mountain-division", "karshi-khanabad"], None, "asserted",
    "About 1,000 soldiers of the 10th Mountain Division have already arrived at the base"),
   ("agreement", ["usa", "uzbekistan"], "2001-10-08/2001-10-14", "planned",
    "Washington is expected to sign a security guarantee with Tashkent later this week"),
   ("military", ["karimov", "usa", "imu"], None, "proposed",
    "Karimov also asked the United States to target the Islamic Movement of Uzbekistan"),
   ("military", ["akayev", "kyrgyzstan", "usa", "manas-airport"], "2001-10-07", "proposed",
    "Askar Akayev offered Manas airport near Bishkek for similar use on Sunday")],
  notes="one sentence with an asserted and a negated military event plus a meeting; 'asked X to target' and "
        "'offered the airport' are military/proposed; Uzbekistan nested in the IMU's name; Afghan adjective")

P("en-t04", "2012-06-29",
  "MOSCOW, June 29 (Reuters) - Uzbekistan has suspended its membership of the Collective Security Treaty "
  "Organisation (CSTO), the Russian-led security bloc said on Friday, the second time Tashkent has turned its back "
  "on the alliance. The CSTO secretariat said it had received a note from the Uzbek Foreign Ministry dated June 20.\n"
  "Uzbekistan rejoined the group in 2006 after a seven-year absence, but rarely took part in its exercises and "
  "refused to sign a 2009 agreement on a rapid reaction force. Analysts said the move could open the way for closer "
  "military ties with Washington as U.S. troops prepare to leave Afghanistan in 2014. CSTO Secretary General "
  "Nikolai Bordyuzha said members should consider formally ending Uzbekistan's membership at the next summit in "
  "Moscow in December.",
  [("MOSCOW", "moscow"), ("Reuters", "reuters", "opt"), ("Uzbekistan", "uzbekistan"),
   ("Collective Security Treaty Organisation", "csto"), ("CSTO", "csto"), ("Tashkent", "tashkent"),
   ("CSTO", "csto"), ("Uzbek Foreign Ministry", "uzbekistan-mfa"), ("Uzbekistan", "uzbekistan"),
   ("Washington", "washington"), ("U.S.", "usa"), ("Afghanistan", "afghanistan"), ("CSTO", "csto"),
   ("Nikolai Bordyuzha", "bordyuzha"), ("Uzbekistan's", "uzbekistan"), ("Moscow", "moscow")],
  [("June 29", "2012-06-29", "day"), ("Friday", "2012-06-29", "day", "rel"), ("June 20", "2012-06-20", "day"),
   ("2006", "2006", "year"), ("2009", "2009", "year"), ("2014", "2014", "year"), ("December", "2012-12", "month")],
  [],
  [("withdrawal", ["uzbekistan", "csto"], "2012-06-20/2012-06-29", "asserted",
    "Uzbekistan has suspended its membership of the Collective Security Treaty Organisation"),
   ("membership", ["uzbekistan", "csto"], "2006", "asserted", "Uzbekistan rejoined the group in 2006 after a seven-year absence"),
   ("agreement", ["uzbekistan", "csto"], "2009", "negated", "refused to sign a 2009 agreement on a rapid reaction force"),
   ("cooperation", ["uzbekistan", "usa"], None, "hypothetical",
    "the move could open the way for closer military ties with Washington"),
   ("military", ["usa", "afghanistan"], "2014", "planned", "U.S. troops prepare to leave Afghanistan in 2014"),
   ("withdrawal", ["uzbekistan", "csto", "bordyuzha"], "2012-12", "proposed",
    "members should consider formally ending Uzbekistan's membership at the next summit"),
   ("meeting", ["csto"], "2012-12", "planned", "at the next summit in Moscow in December")],
  notes="suspension = withdrawal (date: between the note and the announcement); 'the group', 'the alliance', "
        "'the security bloc' are anaphors; 'the move could' hypothetical; a 2009 agreement that is no name")

P("en-t05", "2017-01-25",
  "ASTANA, Jan 25 - Russia, Turkey and Iran agreed on Tuesday to set up a joint mechanism to monitor the ceasefire "
  "in Syria, at the end of two days of talks in the Kazakh capital between the Syrian government and armed "
  "opposition groups. The rebels did not sign the final statement, and their chief negotiator Mohammed Alloush "
  "said they would not accept any role for Tehran in policing the truce.\n"
  "Kazakhstan's Foreign Minister Kairat Abdrakhmanov, who hosted the meeting at the Rixos hotel, said the next round "
  "could take place in February if the ceasefire holds. UN envoy Staffan de Mistura welcomed the outcome and said "
  "the talks should feed into the Geneva negotiations on Feb. 8.",
  [("ASTANA", "astana"), ("Russia", "russia"), ("Turkey", "turkey"), ("Iran", "iran"), ("Syria", "syria"),
   ("Mohammed Alloush", "alloush"), ("Tehran", "tehran"), ("Kazakhstan's", "kazakhstan"),
   ("Kairat Abdrakhmanov", "abdrakhmanov"), ("Rixos hotel", "rixos-astana"), ("UN", "un"),
   ("Staffan de Mistura", "de-mistura"), ("Geneva", "geneva")],
  [("Jan 25", "2017-01-25", "day"), ("Tuesday", "2017-01-24", "day", "rel"), ("February", "2017-02", "month"),
   ("Feb. 8", "2017-02-08", "day")],
  [],
  [("agreement", ["russia", "turkey", "iran", "syria"], "2017-01-24", "asserted",
    "Russia, Turkey and Iran agreed on Tuesday to set up a joint mechanism to monitor the ceasefire"),
   ("meeting", ["syria", "syrian-armed-opposition"], "2017-01-23/2017-01-24", "asserted",
    "at the end of two days of talks in the Kazakh capital between the Syrian government"),
   ("agreement", ["syrian-armed-opposition"], "2017-01-24", "negated", "The rebels did not sign the final statement"),
   ("statement", ["alloush", "syrian-armed-opposition", "iran"], None, "asserted",
    "their chief negotiator Mohammed Alloush said they would not accept any role for Tehran"),
   ("statement", ["abdrakhmanov", "kazakhstan"], None, "asserted",
    "who hosted the meeting at the Rixos hotel, said the next round"),
   ("meeting", ["syria", "syrian-armed-opposition", "kazakhstan"], "2017-02", "hypothetical",
    "the next round could take place in February if the ceasefire holds"),
   ("statement", ["de-mistura", "un"], None, "asserted", "UN envoy Staffan de Mistura welcomed the outcome"),
   ("meeting", ["un", "syria"], "2017-02-08", "planned", "the talks should feed into the Geneva negotiations on Feb. 8")],
  notes="'the Kazakh capital' is no mention; 'two days of talks' ending Tuesday; rebels' refusal negated; "
        "'should feed into the Geneva negotiations' is a planned meeting, not a recommendation by the author")

P("en-t06", "2018-03-11",
  "DUSHANBE, March 11 (Reuters) - Tajikistan and Uzbekistan will scrap visa requirements for each other's citizens "
  "for stays of up to 30 days, after Uzbek President Shavkat Mirziyoyev wrapped up the first state visit by an Uzbek "
  "leader to Dushanbe in nearly two decades. Mirziyoyev and his Tajik counterpart Emomali Rahmon signed 27 documents "
  "during the March 9-10 visit, including a strategic partnership treaty.\n"
  "Under Islam Karimov, who died in 2016, Tashkent opposed Tajikistan's Rogun dam, warning it would cut water flows "
  "to Uzbek cotton fields. Mirziyoyev's officials now say Uzbekistan could even take part in building the plant. Air "
  "links between the two capitals, suspended in 1992, resumed last year.",
  [("DUSHANBE", "dushanbe"), ("Reuters", "reuters", "opt"), ("Tajikistan", "tajikistan"),
   ("Uzbekistan", "uzbekistan"), ("Shavkat Mirziyoyev", "mirziyoyev"), ("Dushanbe", "dushanbe"),
   ("Mirziyoyev", "mirziyoyev"), ("Emomali Rahmon", "rahmon"), ("Islam Karimov", "karimov"),
   ("Tashkent", "tashkent"), ("Tajikistan's", "tajikistan"), ("Rogun dam", "rogun-hpp"),
   ("Mirziyoyev's", "mirziyoyev"), ("Uzbekistan", "uzbekistan")],
  [("March 11", "2018-03-11", "day"), ("March 9-10", "2018-03-09/2018-03-10", "range"), ("2016", "2016", "year"),
   ("1992", "1992", "year"), ("last year", "2017", "year", "rel")],
  ["30 days", "27 documents"],
  [("cooperation", ["tajikistan", "uzbekistan"], None, "planned",
    "Tajikistan and Uzbekistan will scrap visa requirements for each other's citizens"),
   ("meeting", ["mirziyoyev", "uzbekistan", "tajikistan", "dushanbe"], "2018-03-09/2018-03-10", "asserted",
    "Shavkat Mirziyoyev wrapped up the first state visit by an Uzbek leader to Dushanbe"),
   ("agreement", ["mirziyoyev", "rahmon", "uzbekistan", "tajikistan"], "2018-03-09/2018-03-10", "asserted",
    "Mirziyoyev and his Tajik counterpart Emomali Rahmon signed 27 documents"),
   ("dispute", ["karimov", "uzbekistan", "tajikistan", "rogun-hpp"], None, "asserted",
    "Tashkent opposed Tajikistan's Rogun dam, warning it would cut water flows"),
   ("cooperation", ["uzbekistan", "rogun-hpp"], None, "hypothetical",
    "Uzbekistan could even take part in building the plant"),
   ("cooperation", ["uzbekistan", "tajikistan"], "2017", "asserted",
    "Air links between the two capitals, suspended in 1992, resumed last year")],
  notes="Uzbek/Tajik adjectives; Tashkent standing for Uzbekistan; 'nearly two decades' is no date; 'died in 2016' "
        "is no event of the ten types; the resumption of flights is dated 'last year', not 1992")

P("en-t07", "2021-09-18",
  "DUSHANBE, Sept 18 - Tajikistan will not recognise any government in Kabul that is formed \"through oppression\" "
  "and excludes Tajiks and other minorities, President Emomali Rahmon told leaders of the Collective Security Treaty "
  "Organization on Thursday. Rahmon, whose country shares a 1,344-km border with Afghanistan, is the only Central "
  "Asian leader to have openly criticised the Taliban since they seized Kabul on Aug. 15.\n"
  "Uzbekistan and Turkmenistan have taken a different course. Tashkent sent a delegation led by Foreign Minister "
  "Abdulaziz Kamilov to Kabul this week, Uzbek media reported, and Ashgabat has kept its consulates in "
  "Mazar-i-Sharif and Herat open. Russia and China, whose leaders joined the SCO summit here by video link on "
  "Friday, urged the new authorities to keep their promises of an inclusive government.",
  [("DUSHANBE", "dushanbe"), ("Tajikistan", "tajikistan"), ("Kabul", "kabul"), ("Tajiks", "tajiks"),
   ("Emomali Rahmon", "rahmon"), ("Collective Security Treaty Organization", "csto"), ("Rahmon", "rahmon"),
   ("Afghanistan", "afghanistan"), ("Taliban", "taliban"), ("Kabul", "kabul"), ("Uzbekistan", "uzbekistan"),
   ("Turkmenistan", "turkmenistan"), ("Tashkent", "tashkent"), ("Abdulaziz Kamilov", "kamilov"), ("Kabul", "kabul"),
   ("Ashgabat", "ashgabat"), ("Mazar-i-Sharif", "mazar-i-sharif"), ("Herat", "herat"), ("Russia", "russia"),
   ("China", "china"), ("SCO", "sco")],
  [("Sept 18", "2021-09-18", "day"), ("Thursday", "2021-09-16", "day", "rel"), ("Aug. 15", "2021-08-15", "day"),
   ("this week", "2021-09-13/2021-09-19", "week", "rel"), ("Friday", "2021-09-17", "day", "rel")],
  ["1,344-km"],
  [("cooperation", ["tajikistan", "afghanistan", "taliban"], None, "negated",
    "Tajikistan will not recognise any government in Kabul"),
   ("statement", ["rahmon", "tajikistan", "csto"], "2021-09-16", "asserted",
    "President Emomali Rahmon told leaders of the Collective Security Treaty Organization on Thursday"),
   ("statement", ["rahmon", "taliban"], None, "asserted",
    "is the only Central Asian leader to have openly criticised the Taliban"),
   ("military", ["taliban", "afghanistan", "kabul"], "2021-08-15", "asserted", "since they seized Kabul on Aug. 15"),
   ("meeting", ["uzbekistan", "kamilov", "afghanistan", "kabul"], "2021-09-13/2021-09-19", "reported",
    "Tashkent sent a delegation led by Foreign Minister Abdulaziz Kamilov to Kabul this week"),
   ("cooperation", ["turkmenistan", "afghanistan"], None, "asserted",
    "Ashgabat has kept its consulates in Mazar-i-Sharif and Herat open"),
   ("meeting", ["russia", "china", "sco"], "2021-09-17", "asserted",
    "whose leaders joined the SCO summit here by video link on Friday"),
   ("statement", ["russia", "china", "taliban"], None, "asserted",
    "urged the new authorities to keep their promises of an inclusive government")],
  notes="recognition refused = cooperation/negated; Kabul standing for the Taliban government (participants "
        "afghanistan, taliban); 'Uzbek media reported' = reported; 'here' = Dushanbe; the CSTO session itself is "
        "only the setting of Rahmon's statement")

P("en-t08", "2022-10-28",
  "ASTANA, Oct 28 - European Council President Charles Michel met the leaders of the five Central Asian states in "
  "Astana on Thursday, the first such meeting since the European Union adopted its new strategy for the region in "
  "2019. The talks focused on energy, transport links that avoid Russia, and sanctions compliance.\n"
  "Michel said the EU was ready to invest in the Trans-Caspian International Transport Route and invited the five "
  "presidents to a summit in Europe, possibly next year. Kazakh President Kassym-Jomart Tokayev told him Kazakhstan "
  "would not help Moscow circumvent Western sanctions. The next regional meeting is expected to take place in "
  "Kyrgyzstan in 2023.",
  [("ASTANA", "astana"), ("European Council", "european-council"), ("Charles Michel", "michel"),
   ("Astana", "astana"), ("European Union", "eu"), ("Russia", "russia"), ("Michel", "michel"), ("EU", "eu"),
   ("Trans-Caspian International Transport Route", "middle-corridor"), ("Europe", "europe"),
   ("Kassym-Jomart Tokayev", "tokayev"), ("Kazakhstan", "kazakhstan"), ("Moscow", "moscow"),
   ("Kyrgyzstan", "kyrgyzstan")],
  [("Oct 28", "2022-10-28", "day"), ("Thursday", "2022-10-27", "day", "rel"), ("2019", "2019", "year"),
   ("next year", "2023", "year", "rel"), ("2023", "2023", "year")],
  [],
  [("meeting", ["michel", "european-council", "eu", "central-asia"], "2022-10-27", "asserted",
    "Charles Michel met the leaders of the five Central Asian states in Astana on Thursday"),
   ("agreement", ["eu", "central-asia"], "2019", "asserted",
    "since the European Union adopted its new strategy for the region in 2019"),
   ("statement", ["michel", "eu", "middle-corridor"], None, "asserted",
    "Michel said the EU was ready to invest in the Trans-Caspian International Transport Route"),
   ("meeting", ["michel", "eu", "central-asia"], "2023", "proposed",
    "invited the five presidents to a summit in Europe, possibly next year"),
   ("statement", ["tokayev", "kazakhstan"], "2022-10-27", "asserted", "Kassym-Jomart Tokayev told him Kazakhstan"),
   ("cooperation", ["kazakhstan", "russia"], None, "negated", "would not help Moscow circumvent Western sanctions"),
   ("meeting", ["eu", "central-asia", "kyrgyzstan"], "2023", "planned",
    "The next regional meeting is expected to take place in Kyrgyzstan in 2023")],
  notes="'five Central Asian states' (adjective; participant central-asia); Kazakh/Western adjectives; an invitation "
        "= meeting/proposed; the unnamed EU strategy adopted in 2019 = agreement")

P("en-t09", "2025-04-05",
  "SAMARKAND, April 5 (Reuters) - The European Union and the five Central Asian states agreed at their first-ever "
  "summit to upgrade ties to a strategic partnership, with Brussels announcing a 12-billion-euro Global Gateway "
  "investment package for the region. European Commission President Ursula von der Leyen and European Council "
  "President Antonio Costa held talks with the leaders of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and "
  "Uzbekistan in Samarkand on April 3-4.\n"
  "\"We are here to stay,\" von der Leyen said. The EU also pledged to help the region monitor re-exports of "
  "dual-use goods to Russia. Uzbek President Shavkat Mirziyoyev proposed holding the next summit in 2027 and said "
  "trade with the bloc had doubled since 2020.",
  [("SAMARKAND", "samarkand"), ("Reuters", "reuters", "opt"), ("European Union", "eu"), ("Brussels", "brussels"),
   ("Global Gateway", "global-gateway"), ("European Commission", "european-commission"),
   ("Ursula von der Leyen", "von-der-leyen"), ("European Council", "european-council"),
   ("Antonio Costa", "costa"), ("Kazakhstan", "kazakhstan"), ("Kyrgyzstan", "kyrgyzstan"),
   ("Tajikistan", "tajikistan"), ("Turkmenistan", "turkmenistan"), ("Uzbekistan", "uzbekistan"),
   ("Samarkand", "samarkand"), ("von der Leyen", "von-der-leyen"), ("EU", "eu"), ("Russia", "russia"),
   ("Shavkat Mirziyoyev", "mirziyoyev")],
  [("April 5", "2025-04-05", "day"), ("April 3-4", "2025-04-03/2025-04-04", "range"), ("2027", "2027", "year"),
   ("since 2020", "2020/..", "range")],
  ["12-billion-euro"],
  [("agreement", ["eu", "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "central-asia"],
    "2025-04-03/2025-04-04", "asserted", "agreed at their first-ever summit to upgrade ties to a strategic partnership"),
   ("cooperation", ["eu", "global-gateway", "central-asia"], "2025-04-03/2025-04-04", "asserted",
    "with Brussels announcing a 12-billion-euro Global Gateway investment package"),
   ("meeting", ["von-der-leyen", "costa", "eu", "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan",
                "uzbekistan"], "2025-04-03/2025-04-04", "asserted",
    "held talks with the leaders of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan"),
   ("statement", ["von-der-leyen", "eu"], None, "asserted", "\"We are here to stay,\" von der Leyen said"),
   ("cooperation", ["eu", "central-asia"], None, "planned",
    "The EU also pledged to help the region monitor re-exports of dual-use goods to Russia"),
   ("meeting", ["mirziyoyev", "uzbekistan", "eu"], "2027", "proposed",
    "Shavkat Mirziyoyev proposed holding the next summit in 2027"),
   ("statement", ["mirziyoyev", "eu"], None, "asserted", "said trade with the bloc had doubled since 2020")],
  notes="Brussels standing for the EU; 'the bloc' anaphor; 'since 2020' open range inside a statement; "
        "proposal to hold a summit = meeting/proposed")

P("en-t10", "2025-06-15",
  "ASTANA, June 15 - Kazakhstan has chosen Russia's state nuclear corporation Rosatom to lead an international "
  "consortium that will build the country's first nuclear power plant, the Agency for Atomic Energy said on "
  "Saturday. China National Nuclear Corporation (CNNC) is expected to be named leader for a second plant, agency "
  "head Almassadam Satkaliyev told reporters.\n"
  "The 2.4-gigawatt station will be built near the village of Ulken on Lake Balkhash, after 71% of voters backed "
  "the project in a referendum last October. President Kassym-Jomart Tokayev had first proposed putting the question "
  "to a national vote in September 2023. Critics warn that reliance on Moscow could expose the project to "
  "Western sanctions. Construction is due to start in 2027 if environmental approvals are granted in time.",
  [("ASTANA", "astana"), ("Kazakhstan", "kazakhstan"), ("Russia's", "russia"), ("Rosatom", "rosatom"),
   ("Agency for Atomic Energy", "kazakhstan-atomic-energy-agency"),
   ("China National Nuclear Corporation", "cnnc"), ("CNNC", "cnnc"), ("Almassadam Satkaliyev", "satkaliyev"),
   ("Ulken", "ulken"), ("Lake Balkhash", "balkhash"),
   ("Kassym-Jomart Tokayev", "tokayev"), ("Moscow", "moscow")],
  [("June 15", "2025-06-15", "day"), ("Saturday", "2025-06-14", "day", "rel"), ("last October", "2024-10", "month", "rel"),
   ("September 2023", "2023-09", "month"), ("2027", "2027", "year")],
  ["2.4-gigawatt", "71%"],
  [("cooperation", ["kazakhstan", "rosatom", "russia"], "2025-06-14", "asserted",
    "Kazakhstan has chosen Russia's state nuclear corporation Rosatom to lead an international consortium"),
   ("cooperation", ["kazakhstan", "cnnc"], None, "planned",
    "China National Nuclear Corporation (CNNC) is expected to be named leader for a second plant"),
   ("proposal", ["tokayev", "kazakhstan"], "2023-09", "asserted",
    "Kassym-Jomart Tokayev had first proposed putting the question to a national vote in September 2023"),
   ("cooperation", ["kazakhstan", "rosatom", "ulken"], "2027", "hypothetical",
    "Construction is due to start in 2027 if environmental approvals are granted in time")],
  notes="the president's past proposal of a vote = proposal/asserted (pluperfect, dated); the referendum and the critics' warning are not of the ten types; 'last October' resolves "
        "to 2024-10; percentages and capacity are not dates")

P("en-t11", "2026-10-14",
  "Ten years after the Middle Corridor first appeared in official communiqués, the route across the Caspian is "
  "finally getting the attention that Astana and Baku hoped for. Cargo volumes reached 4.5 million tonnes in 2025, "
  "and Kazakhstan's national railway company aims to double that by 2027.\n"
  "Yet the corridor remains hostage to bottlenecks at the ports of Aktau and Kuryk, where ferries often wait for "
  "days. Azerbaijan's President Ilham Aliyev has offered to expand the Alat port if Central Asian partners commit "
  "to long-term volumes. Turkmenistan, which has not joined the multilateral coordination committee, is unlikely to "
  "change course soon. Brussels and Beijing should stop treating the route as a geopolitical trophy and fund the "
  "unglamorous work of customs harmonisation.",
  [("Middle Corridor", "middle-corridor"), ("Caspian", "caspian-sea"), ("Astana", "astana"), ("Baku", "baku"),
   ("Kazakhstan's", "kazakhstan"), ("Aktau", "aktau-port"), ("Kuryk", "kuryk-port"), ("Azerbaijan's", "azerbaijan"),
   ("Ilham Aliyev", "aliyev"), ("Alat port", "alat-port"), ("Turkmenistan", "turkmenistan"),
   ("Brussels", "brussels"), ("Beijing", "beijing")],
  [("2025", "2025", "year"), ("by 2027", "2027", "year")],
  ["Ten years", "4.5 million"],
  [("cooperation", ["kazakhstan", "middle-corridor"], "2027", "planned",
    "Kazakhstan's national railway company aims to double that by 2027"),
   ("cooperation", ["aliyev", "azerbaijan", "alat-port", "central-asia"], None, "proposed",
    "Ilham Aliyev has offered to expand the Alat port if Central Asian partners commit"),
   ("membership", ["turkmenistan", "middle-corridor"], None, "negated",
    "Turkmenistan, which has not joined the multilateral coordination committee"),
   ("cooperation", ["eu", "china", "middle-corridor"], None, "recommended",
    "Brussels and Beijing should stop treating the route as a geopolitical trophy")],
  genre="analysis",
  notes="analysis without dateline; 'Ten years after' is no date; Astana/Baku/Brussels/Beijing standing for "
        "states; 'the ports of Aktau and Kuryk' = two port mentions; the author's 'should' = recommended")

P("en-t12", "2008-08-28",
  "DUSHANBE, Aug 28 (Reuters) - China and the four Central Asian members of the Shanghai Cooperation Organisation "
  "declined on Thursday to back Russia's recognition of Georgia's breakaway regions, handing President Dmitry "
  "Medvedev a diplomatic setback at a summit in the Tajik capital.\n"
  "A joint declaration adopted at the meeting expressed \"deep concern\" over the conflict and supported Russia's "
  "\"active role\" in settling it, but stopped short of endorsing the independence of Abkhazia and South Ossetia. "
  "Chinese President Hu Jintao urged all sides to resolve the crisis through dialogue. Medvedev, who recognised the "
  "two regions on Tuesday, told reporters he was satisfied with the outcome. Russia will host the group's next "
  "summit, due in Yekaterinburg in June.",
  [("DUSHANBE", "dushanbe"), ("Reuters", "reuters", "opt"), ("China", "china"),
   ("Shanghai Cooperation Organisation", "sco"), ("Russia's", "russia"), ("Georgia's", "georgia"),
   ("Dmitry Medvedev", "medvedev"), ("Russia's", "russia"), ("Abkhazia", "abkhazia"),
   ("South Ossetia", "south-ossetia"), ("Hu Jintao", "hu-jintao"), ("Medvedev", "medvedev"), ("Russia", "russia"),
   ("Yekaterinburg", "yekaterinburg")],
  [("Aug 28", "2008-08-28", "day"), ("Thursday", "2008-08-28", "day", "rel"), ("Tuesday", "2008-08-26", "day", "rel"),
   ("June", "2009-06", "month")],
  [],
  [("statement", ["china", "sco", "russia", "georgia"], "2008-08-28", "negated",
    "declined on Thursday to back Russia's recognition of Georgia's breakaway regions"),
   ("meeting", ["sco", "medvedev"], "2008-08-28", "asserted",
    "handing President Dmitry Medvedev a diplomatic setback at a summit in the Tajik capital"),
   ("agreement", ["sco", "russia"], "2008-08-28", "asserted",
    "A joint declaration adopted at the meeting expressed \"deep concern\" over the conflict"),
   ("statement", ["hu-jintao", "china"], None, "asserted",
    "Chinese President Hu Jintao urged all sides to resolve the crisis through dialogue"),
   ("cooperation", ["medvedev", "russia", "abkhazia", "south-ossetia"], "2008-08-26", "asserted",
    "Medvedev, who recognised the two regions on Tuesday"),
   ("statement", ["medvedev"], None, "asserted", "told reporters he was satisfied with the outcome"),
   ("meeting", ["russia", "sco"], "2009-06", "planned",
    "Russia will host the group's next summit, due in Yekaterinburg in June")],
  notes="'the Tajik capital' is no mention; yearless 'June' after August = "
        "next year; the declaration is unnamed; recognition = cooperation")

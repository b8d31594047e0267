# English passages of the held-out set (original texts, written 2026-12-06).

P("en-h01", "1994-03-30",
  "MOSCOW, March 30 – Kazakhstan's President Nursultan Nazarbayev yesterday proposed replacing the loose "
  "Commonwealth of Independent States with a tighter Eurasian Union, telling students at Moscow State University "
  "that the CIS had done little to halt the collapse of trade between the former Soviet republics. Under his plan "
  "the new union would have a common parliament and, eventually, a single currency.\n"
  "Kazakh diplomats said the draft would be sent to every CIS capital before the heads of state meet in April. "
  "Nazarbayev, who spoke for about 40 minutes, admitted that Tashkent and Bishkek had not yet been consulted.",
  [("MOSCOW", "moscow"), ("Kazakhstan's", "kazakhstan"), ("Nursultan Nazarbayev", "nazarbayev"),
   ("Commonwealth of Independent States", "cis"), ("Eurasian Union", "eurasian-union-1994"),
   ("Moscow State University", "msu"), ("CIS", "cis"), ("CIS", "cis"), ("Nazarbayev", "nazarbayev"),
   ("Tashkent", "tashkent"), ("Bishkek", "bishkek")],
  [("March 30", "1994-03-30", "day"), ("yesterday", "1994-03-29", "day", "rel"), ("April", "1994-04", "month")],
  ["40 minutes"],
  [("proposal", ["nazarbayev", "kazakhstan", "eurasian-union-1994", "cis"], "1994-03-29", "asserted",
    "Nursultan Nazarbayev yesterday proposed replacing the loose Commonwealth of Independent States"),
   ("meeting", ["cis"], "1994-04", "planned", "before the heads of state meet in April")],
  notes="relative 'yesterday'; Soviet/Kazakh adjectives; Moscow nested in Moscow State University")

P("en-h02", "1995-01-21",
  "MOSCOW, Jan. 21 – Kazakhstan signed up yesterday to the Customs Union that Russia and Belarus launched earlier "
  "this month, promising to scrap duties on goods from both partners and to bring its external tariff into line "
  "with Russian rates. Prime Minister Akezhan Kazhegeldin put his name to the agreement at the government house on "
  "Friday evening.\n"
  "Officials said Kyrgyzstan had asked to join, but that the three founders wanted the bloc to prove itself first. "
  "Traders in Almaty fear that prices for imported cars could rise by as much as 30 percent.",
  [("MOSCOW", "moscow"), ("Kazakhstan", "kazakhstan"), ("Customs Union", "customs-union-1995"),
   ("Russia", "russia"), ("Belarus", "belarus"), ("Akezhan Kazhegeldin", "kazhegeldin"),
   ("Kyrgyzstan", "kyrgyzstan"), ("Almaty", "almaty")],
  [("Jan. 21", "1995-01-21", "day"), ("yesterday", "1995-01-20", "day", "rel"),
   ("earlier this month", "1995-01", "month", "rel"), ("Friday", "1995-01-20", "day", "rel")],
  ["30 percent"],
  [("membership", ["kazakhstan", "customs-union-1995"], "1995-01-20", "asserted",
    "Kazakhstan signed up yesterday to the Customs Union that Russia and Belarus launched"),
   ("founding", ["russia", "belarus", "customs-union-1995"], "1995-01", "asserted",
    "the Customs Union that Russia and Belarus launched earlier this month"),
   ("membership", ["kyrgyzstan", "customs-union-1995"], None, "proposed",
    "Officials said Kyrgyzstan had asked to join")],
  notes="1995 customs union (not the 2010 one); Russian adjective; 'the bloc' anaphor")

P("en-h03", "2001-06-16",
  "SHANGHAI, June 16 – The presidents of China, Russia, Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan yesterday "
  "signed a declaration creating the Shanghai Cooperation Organization, turning the Shanghai Five, a border "
  "confidence group formed in the 1990s, into a permanent body. Uzbekistan, which had never belonged to the "
  "Shanghai Five, became the sixth member.\n"
  "The leaders also signed the Shanghai Convention on Combating Terrorism, Separatism and Extremism. Host Jiang "
  "Zemin said the founding principles of the group, mutual trust and equality, would not change. Islam Karimov "
  "told reporters the new organization would not become a military alliance.",
  [("SHANGHAI", "shanghai"), ("China", "china"), ("Russia", "russia"), ("Kazakhstan", "kazakhstan"),
   ("Kyrgyzstan", "kyrgyzstan"), ("Tajikistan", "tajikistan"), ("Uzbekistan", "uzbekistan"),
   ("Shanghai Cooperation Organization", "sco"), ("Shanghai Five", "shanghai-five"), ("Uzbekistan", "uzbekistan"),
   ("Shanghai Five", "shanghai-five"),
   ("Shanghai Convention on Combating Terrorism, Separatism and Extremism", "shanghai-convention-2001"),
   ("Jiang Zemin", "jiang-zemin"), ("Islam Karimov", "karimov")],
  [("June 16", "2001-06-16", "day"), ("yesterday", "2001-06-15", "day", "rel"), ("the 1990s", "1990/1999", "decade")],
  [],
  [("founding", ["china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "sco"], "2001-06-15",
    "asserted", "signed a declaration creating the Shanghai Cooperation Organization"),
   ("membership", ["uzbekistan", "sco"], "2001-06-15", "asserted",
    "had never belonged to the Shanghai Five, became the sixth member"),
   ("agreement", ["sco", "shanghai-convention-2001"], "2001-06-15", "asserted",
    "The leaders also signed the Shanghai Convention on Combating Terrorism"),
   ("statement", ["jiang-zemin", "sco"], None, "asserted",
    "Host Jiang Zemin said the founding principles of the group"),
   ("statement", ["karimov", "sco"], None, "asserted",
    "Islam Karimov told reporters the new organization would not become a military alliance")],
  notes="'founding principles' is not a founding; decade; 'the new organization' anaphor")

P("en-h04", "2005-07-06",
  "ASTANA, July 6 – Leaders of the Shanghai Cooperation Organisation have asked Washington to set a deadline for "
  "pulling its troops out of Central Asia, in a declaration adopted at their summit in the Kazakh capital on Tuesday. "
  "The Astana Declaration does not name the bases, but American aircraft have flown from the Karshi-Khanabad air "
  "base in Uzbekistan and from the Manas air base near Bishkek since 2001.\n"
  "A Pentagon spokesman said on Wednesday that the United States had no plans to withdraw its forces, noting that "
  "both host governments had signed basing agreements with it.",
  [("ASTANA", "astana"), ("Shanghai Cooperation Organisation", "sco"), ("Washington", "washington"),
   ("Central Asia", "central-asia"), ("Astana Declaration", "sco-astana-declaration-2005"),
   ("Karshi-Khanabad air \nbase".replace(" \n", " "), "karshi-khanabad"), ("Uzbekistan", "uzbekistan"),
   ("Manas air base", "manas-air-base"), ("Bishkek", "bishkek"), ("Pentagon", "us-dod"),
   ("United States", "usa")],
  [("July 6", "2005-07-06", "day"), ("Tuesday", "2005-07-05", "day", "rel"), ("since 2001", "2001/..", "year"),
   ("Wednesday", "2005-07-06", "day", "rel")],
  [],
  [("military", ["usa", "sco", "central-asia"], None, "proposed",
    "have asked Washington to set a deadline for pulling its troops out of Central Asia"),
   ("agreement", ["sco", "sco-astana-declaration-2005"], "2005-07-05", "asserted",
    "in a declaration adopted at their summit in the Kazakh capital on Tuesday"),
   ("military", ["usa", "karshi-khanabad", "manas-air-base"], "2001/..", "asserted",
    "American aircraft have flown from the Karshi-Khanabad air base in Uzbekistan"),
   ("military", ["usa"], None, "negated",
    "the United States had no plans to withdraw its forces")],
  notes="2005 SCO Astana Declaration (look-alike of later Astana declarations; the date disambiguates); Kazakh/American adjectives")

P("en-h05", "2010-07-07",
  "ASTANA, July 7 – Belarus began applying the Customs Code of the Customs Union yesterday, ending months of "
  "wrangling over oil export duties; Kazakhstan and Russia did so on July 1. Alexander Lukashenko had accepted the "
  "code at a meeting with Nursultan Nazarbayev and Dmitry Medvedev in Astana on Monday.\n"
  "Customs checks on the Kazakhstan–Russia border are due to disappear in July 2011. Unlike the Customs Union "
  "the same three states declared in 1995, which never got far beyond paper, the new bloc has a supranational "
  "commission. Tair Mansurov, secretary general of the Eurasian Economic Community, said Kyrgyzstan could join the "
  "Customs Union if it brought its tariffs into line.",
  [("ASTANA", "astana"), ("Belarus", "belarus"), ("Customs Code of the Customs Union", "customs-code-2010"),
   ("Kazakhstan", "kazakhstan"), ("Russia", "russia"), ("Alexander Lukashenko", "lukashenko"),
   ("Nursultan Nazarbayev", "nazarbayev"), ("Dmitry Medvedev", "medvedev"), ("Astana", "astana"),
   ("Kazakhstan", "kazakhstan"), ("Russia", "russia"), ("Customs Union", "customs-union-1995"),
   ("Tair Mansurov", "mansurov"), ("Eurasian Economic Community", "eurasec"), ("Kyrgyzstan", "kyrgyzstan"),
   ("Customs Union", "customs-union-2010")],
  [("July 7", "2010-07-07", "day"), ("yesterday", "2010-07-06", "day", "rel"), ("July 1", "2010-07-01", "day"),
   ("Monday", "2010-07-05", "day", "rel"), ("July 2011", "2011-07", "month"), ("1995", "1995", "year")],
  [],
  [("agreement", ["belarus", "customs-code-2010"], "2010-07-06", "asserted",
    "Belarus began applying the Customs Code of the Customs Union yesterday"),
   ("meeting", ["lukashenko", "nazarbayev", "medvedev"], "2010-07-05", "asserted",
    "at a meeting with Nursultan Nazarbayev and Dmitry Medvedev in Astana on Monday"),
   ("cooperation", ["kazakhstan", "russia", "customs-union-2010"], "2011-07", "planned",
    "Customs checks on the Kazakhstan–Russia border are due to disappear in July 2011"),
   ("membership", ["kyrgyzstan", "customs-union-2010"], None, "hypothetical",
    "said Kyrgyzstan could join the Customs Union if it brought its tariffs into line")],
  notes="Customs Union 1995 vs 2010 in one passage; 'the new bloc' anaphor")

P("en-h06", "2023-09-07",
  "ASTANA, Sept. 7 – Officials from China and Kazakhstan marked the anniversary of the Belt and Road Initiative "
  "with a conference at Nazarbayev University on Thursday. It was in the same hall, on Sept. 7, 2013, that Xi "
  "Jinping first proposed building a Silk Road Economic Belt across Eurasia.\n"
  "Foreign Minister Murat Nurtleu told the audience that the number of container trains passing through the "
  "Khorgos dry port had grown sevenfold since 2016. The two governments are expected to sign a 20-year agreement "
  "on the Middle Corridor when Xi visits Astana next year.",
  [("ASTANA", "astana"), ("China", "china"), ("Kazakhstan", "kazakhstan"), ("Belt and Road Initiative", "belt-and-road"),
   ("Nazarbayev University", "nazarbayev-university"), ("Xi \nJinping".replace(" \n", " "), "xi-jinping"),
   ("Silk Road Economic Belt", "silk-road-economic-belt"), ("Eurasia", "eurasia"), ("Murat Nurtleu", "nurtleu"),
   ("Khorgos", "khorgos"), ("Middle Corridor", "middle-corridor"), ("Xi", "xi-jinping"), ("Astana", "astana")],
  [("Sept. 7", "2023-09-07", "day"), ("Thursday", "2023-09-07", "day", "rel"), ("Sept. 7, 2013", "2013-09-07", "day"),
   ("since 2016", "2016/..", "year"), ("next year", "2024", "year", "rel")],
  ["20-year"],
  [("meeting", ["china", "kazakhstan", "belt-and-road"], "2023-09-07", "asserted",
    "marked the anniversary of the Belt and Road Initiative with a conference at Nazarbayev University"),
   ("proposal", ["xi-jinping", "silk-road-economic-belt"], "2013-09-07", "asserted",
    "Jinping first proposed building a Silk Road Economic Belt across Eurasia"),
   ("statement", ["nurtleu", "khorgos"], "2023-09-07", "asserted",
    "Foreign Minister Murat Nurtleu told the audience that the number of container trains"),
   ("agreement", ["china", "kazakhstan", "middle-corridor"], "2024", "planned",
    "are expected to sign a 20-year agreement on the Middle Corridor"),
   ("meeting", ["xi-jinping", "kazakhstan", "astana"], "2024", "planned", "when Xi visits Astana next year")],
  notes="Nazarbayev University is not Nazarbayev; 'Sept. 7, 2013' inside a 2023 text")

P("en-h07", "2014-05-30",
  "ASTANA, May 30 – The presidents of Russia, Belarus and Kazakhstan signed the Treaty on the Eurasian Economic "
  "Union at the Akorda yesterday. The EAEU will start work on Jan. 1, 2015 and take over from the Eurasian "
  "Economic Community, which the same states set up in 2000 with Kyrgyzstan and Tajikistan.\n"
  "Nursultan Nazarbayev insisted that the union would remain purely economic and would not touch the sovereignty of "
  "its members. Armenia is expected to sign an accession treaty within weeks, while Kyrgyzstan's entry has been "
  "held up by its re-export trade with China.",
  [("ASTANA", "astana"), ("Russia", "russia"), ("Belarus", "belarus"), ("Kazakhstan", "kazakhstan"),
   ("Treaty on the Eurasian Economic \nUnion".replace(" \n", " "), "eaeu-treaty"), ("Akorda", "akorda"),
   ("EAEU", "eaeu"), ("Eurasian \nEconomic Community".replace(" \n", " "), "eurasec"), ("Kyrgyzstan", "kyrgyzstan"),
   ("Tajikistan", "tajikistan"), ("Nursultan Nazarbayev", "nazarbayev"), ("Armenia", "armenia"),
   ("Kyrgyzstan's", "kyrgyzstan"), ("China", "china")],
  [("May 30", "2014-05-30", "day"), ("yesterday", "2014-05-29", "day", "rel"), ("Jan. 1, 2015", "2015-01-01", "day"),
   ("2000", "2000", "year")],
  [],
  [("agreement", ["russia", "belarus", "kazakhstan", "eaeu-treaty"], "2014-05-29", "asserted",
    "signed the Treaty on the Eurasian Economic Union at the Akorda yesterday"),
   ("founding", ["russia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan", "eurasec"], "2000", "asserted",
    "which the same states set up in 2000 with Kyrgyzstan and Tajikistan"),
   ("statement", ["nazarbayev", "eaeu"], None, "asserted",
    "Nursultan Nazarbayev insisted that the union would remain purely economic"),
   ("membership", ["armenia", "eaeu"], None, "planned",
    "Armenia is expected to sign an accession treaty within weeks")],
  notes="EAEU vs EurAsEC; Eurasian Economic Union nested in the treaty name; 'the union' anaphor")

P("en-h08", "2015-11-02",
  "SAMARKAND, Nov. 2 – U.S. Secretary of State John Kerry and the foreign ministers of the five Central Asian "
  "republics launched a new dialogue format, C5+1, at a meeting in the Uzbek city on Sunday. Turkmenistan's "
  "Rashid Meredov and Kazakhstan's Erlan Idrissov said the format would meet every year.\n"
  "USAID is expected to fund regional trade and water projects worth $15 million under the new format. "
  "Kerry is due in Astana later on Monday for talks with Nursultan Nazarbayev.",
  [("SAMARKAND", "samarkand"), ("U.S.", "usa"), ("John Kerry", "kerry"), ("C5+1", "c5-plus-1"),
   ("Turkmenistan's", "turkmenistan"), ("Rashid Meredov", "meredov"), ("Kazakhstan's", "kazakhstan"),
   ("Erlan Idrissov", "idrissov"), ("USAID", "usaid"), ("Kerry", "kerry"), ("Astana", "astana"),
   ("Nursultan Nazarbayev", "nazarbayev")],
  [("Nov. 2", "2015-11-02", "day"), ("Sunday", "2015-11-01", "day", "rel"), ("Monday", "2015-11-02", "day", "rel")],
  ["15 million"],
  [("founding", ["usa", "kerry", "c5-plus-1"], "2015-11-01", "asserted",
    "launched a new dialogue format, C5+1, at a meeting in the Uzbek city on Sunday"),
   ("meeting", ["kerry", "c5-plus-1"], "2015-11-01", "asserted", "at a meeting in the Uzbek city on Sunday"),
   ("cooperation", ["usaid", "c5-plus-1"], None, "planned",
    "USAID is expected to fund regional trade and water projects worth $15 million"),
   ("meeting", ["kerry", "nazarbayev"], "2015-11-02", "planned",
    "Kerry is due in Astana later on Monday for talks with Nursultan Nazarbayev")],
  notes="C5+1 and USAID (long tail); Central Asian/Uzbek adjectives")

P("en-h09", "2017-03-24",
  "ASTANA, March 24 – Uzbekistan's President Shavkat Mirziyoev ended a two-day state visit to Kazakhstan on "
  "Thursday, his first trip there since taking office in December. He and Nursultan Nazarbayev signed a joint "
  "statement on strategic partnership and set a target of $5 billion in annual trade.\n"
  "The two leaders also agreed to complete the demarcation of their 2,300-kilometre border, most of which is "
  "undisputed. Mirziyoyev invited Nazarbayev to visit Tashkent in October.",
  [("ASTANA", "astana"), ("Uzbekistan's", "uzbekistan"), ("Shavkat Mirziyoev", "mirziyoyev"),
   ("Kazakhstan", "kazakhstan"), ("Nursultan Nazarbayev", "nazarbayev"), ("Mirziyoyev", "mirziyoyev"),
   ("Nazarbayev", "nazarbayev"), ("Tashkent", "tashkent")],
  [("March 24", "2017-03-24", "day"), ("Thursday", "2017-03-23", "day", "rel"), ("December", "2016-12", "month"),
   ("October", "2017-10", "month")],
  ["5 billion", "2,300-kilometre"],
  [("meeting", ["mirziyoyev", "nazarbayev", "kazakhstan"], "2017-03-22/2017-03-23", "asserted",
    "Shavkat Mirziyoev ended a two-day state visit to Kazakhstan"),
   ("agreement", ["mirziyoyev", "nazarbayev", "uzbekistan", "kazakhstan"], "2017-03-22/2017-03-23", "asserted",
    "signed a joint statement on strategic partnership"),
   ("agreement", ["uzbekistan", "kazakhstan"], "2017-03-22/2017-03-23", "asserted",
    "agreed to complete the demarcation of their 2,300-kilometre border"),
   ("meeting", ["nazarbayev", "mirziyoyev", "tashkent"], "2017-10", "proposed",
    "Mirziyoyev invited Nazarbayev to visit Tashkent in October")],
  notes="Mirziyoev/Mirziyoyev spellings; 'undisputed' is no dispute; yearless December resolves to 2016")

P("en-h10", "2018-08-13",
  "AKTAU, Aug. 13 – The presidents of Azerbaijan, Iran, Kazakhstan, Russia and Turkmenistan signed the Convention "
  "on the Legal Status of the Caspian Sea in this port city on Sunday, after more than 20 years of talks. The text "
  "bars warships of outside powers from the sea.\n"
  "Gurbanguly Berdymukhamedov said the convention cleared the way for the Trans-Caspian Gas Pipeline, although "
  "Moscow and Tehran have claimed that any seabed pipeline needs the consent of all five states. The next summit "
  "is to be held in Turkmenistan in 2020.",
  [("AKTAU", "aktau"), ("Azerbaijan", "azerbaijan"), ("Iran", "iran"), ("Kazakhstan", "kazakhstan"),
   ("Russia", "russia"), ("Turkmenistan", "turkmenistan"),
   ("Convention \non the Legal Status of the Caspian Sea".replace(" \n", " "), "caspian-convention"),
   ("Gurbanguly Berdymukhamedov", "berdimuhamedov"), ("Trans-Caspian Gas Pipeline", "trans-caspian-gas-pipeline"),
   ("Moscow", "moscow"), ("Tehran", "tehran"), ("Turkmenistan", "turkmenistan")],
  [("Aug. 13", "2018-08-13", "day"), ("Sunday", "2018-08-12", "day", "rel"), ("2020", "2020", "year")],
  ["20 years"],
  [("agreement", ["azerbaijan", "iran", "kazakhstan", "russia", "turkmenistan", "caspian-convention"], "2018-08-12",
    "asserted", "signed the Convention on the Legal Status of the Caspian Sea in this port city on Sunday"),
   ("statement", ["berdimuhamedov", "trans-caspian-gas-pipeline"], None, "asserted",
    "Gurbanguly Berdymukhamedov said the convention cleared the way for the Trans-Caspian Gas Pipeline"),
   ("dispute", ["russia", "iran", "trans-caspian-gas-pipeline"], None, "reported",
    "Moscow and Tehran have claimed that any seabed pipeline needs the consent of all five states"),
   ("meeting", ["turkmenistan"], "2020", "planned", "The next summit is to be held in Turkmenistan in 2020")],
  notes="Berdymukhamedov spelling; Caspian Sea nested in the convention; '20 years' is not a date")

P("en-h11", "2019-03-20",
  "ASTANA, March 20 – Kassym-Jomart Toqaev was sworn in as Kazakhstan's president on Wednesday, a day after "
  "Nursultan Nazarbayev announced his resignation in a televised address on Tuesday. In his first speech, Toqaev "
  "proposed renaming the capital after his predecessor.\n"
  "Tokayev, 65, a former director-general of the United Nations Office at Geneva, will serve out the remaining "
  "term until 2020. Nazarbayev keeps the chairmanship of the Security Council of Kazakhstan and the leadership of "
  "the ruling Nur Otan party.",
  [("ASTANA", "astana"), ("Kassym-Jomart Toqaev", "tokayev"), ("Kazakhstan's", "kazakhstan"),
   ("Nursultan Nazarbayev", "nazarbayev"), ("Toqaev", "tokayev"), ("Tokayev", "tokayev"),
   ("United Nations Office at Geneva", "unog"), ("Nazarbayev", "nazarbayev"),
   ("Security Council of Kazakhstan", "kazakhstan-security-council"), ("Nur Otan", "nur-otan")],
  [("March 20", "2019-03-20", "day"), ("Wednesday", "2019-03-20", "day", "rel"), ("Tuesday", "2019-03-19", "day", "rel"),
   ("2020", "2020", "year")],
  ["65"],
  [("statement", ["nazarbayev"], "2019-03-19", "asserted",
    "Nursultan Nazarbayev announced his resignation in a televised address on Tuesday"),
   ("proposal", ["tokayev", "astana"], "2019-03-20", "asserted",
    "Toqaev \nproposed renaming the capital after his predecessor".replace(" \n", " "))],
  notes="Toqaev/Tokayev; Security Council of Kazakhstan (not the UN one); age 65 is not a date")

P("en-h12", "2020-05-04",
  "TASHKENT, May 4 – Uzbekistan has accepted Kazakhstan's offer of rescue teams and aid after the collapse of the "
  "Sardoba Reservoir dam flooded villages on both sides of the border. The dam in Syrdarya Region gave way on "
  "Friday, forcing more than 70,000 people from their homes in Uzbekistan and about 30,000 in Kazakhstan's "
  "Turkistan Region.\n"
  "Shavkat Mirziyoyev telephoned Kassym-Jomart Tokayev on Saturday to thank him. According to local media, engineers "
  "from both countries had inspected the dam together in 2019. A 212-page report by regional water experts says the "
  "two governments should set up a joint dam safety commission.",
  [("TASHKENT", "tashkent"), ("Uzbekistan", "uzbekistan"), ("Kazakhstan's", "kazakhstan"),
   ("Sardoba Reservoir", "sardoba-reservoir"), ("Syrdarya Region", "syrdarya-region"), ("Uzbekistan", "uzbekistan"),
   ("Kazakhstan's", "kazakhstan"), ("Turkistan Region", "turkistan-region"), ("Shavkat Mirziyoyev", "mirziyoyev"),
   ("Kassym-Jomart Tokayev", "tokayev")],
  [("May 4", "2020-05-04", "day"), ("Friday", "2020-05-01", "day", "rel"), ("Saturday", "2020-05-02", "day", "rel"),
   ("2019", "2019", "year")],
  ["70,000", "30,000", "212-page"],
  [("cooperation", ["uzbekistan", "kazakhstan"], None, "asserted",
    "Uzbekistan has accepted Kazakhstan's offer of rescue teams and aid"),
   ("meeting", ["mirziyoyev", "tokayev"], "2020-05-02", "asserted",
    "Shavkat Mirziyoyev telephoned Kassym-Jomart Tokayev on Saturday"),
   ("cooperation", ["uzbekistan", "kazakhstan", "sardoba-reservoir"], "2019", "reported",
    "According to local media, engineers from both countries had inspected the dam"),
   ("founding", ["uzbekistan", "kazakhstan"], None, "recommended",
    "the two governments should set up a joint dam safety commission")],
  notes="dam as location; 'according to' = reported; 'should' = recommended; page count is not a date")

P("en-h13", "2021-08-27",
  "DUSHANBE, 27-08-2021 – Troops from Russia, Tajikistan and Uzbekistan held joint exercises from 5 to 10 August "
  "at the Harb-Maidon training ground, about 20 kilometres from the Afghan border, the Ministry of Defence of "
  "Tajikistan said in a statement. The drills involved some 2,500 soldiers.\n"
  "Security along the frontier has been tightened since the Taliban took Kabul on Aug. 15. The CSTO is planning "
  "a further command-staff exercise in Kyrgyzstan from 2 to 6 September.",
  [("DUSHANBE", "dushanbe"), ("Russia", "russia"), ("Tajikistan", "tajikistan"), ("Uzbekistan", "uzbekistan"),
   ("Harb-Maidon", "harb-maidon"), ("Ministry of Defence of \nTajikistan".replace(" \n", " "), "tajikistan-mod"),
   ("Taliban", "taliban"), ("Kabul", "kabul"), ("CSTO", "csto"), ("Kyrgyzstan", "kyrgyzstan")],
  [("27-08-2021", "2021-08-27", "day"), ("from 5 to 10 August", "2021-08-05/2021-08-10", "range"),
   ("Aug. 15", "2021-08-15", "day"), ("from 2 to 6 September", "2021-09-02/2021-09-06", "range")],
  ["20 kilometres", "2,500"],
  [("military", ["russia", "tajikistan", "uzbekistan", "harb-maidon"], "2021-08-05/2021-08-10", "asserted",
    "Troops from Russia, Tajikistan and Uzbekistan held joint exercises from 5 to 10 August"),
   ("military", ["taliban", "kabul"], "2021-08-15", "asserted", "since the Taliban took Kabul on Aug. 15"),
   ("military", ["csto", "kyrgyzstan"], "2021-09-02/2021-09-06", "planned",
    "The CSTO is planning a further command-staff exercise in Kyrgyzstan from 2 to 6 September")],
  notes="numeric date 27-08-2021; ranges; kilometres and troop numbers are not dates")

P("en-h14", "2022-01-07",
  "ALMATY, Jan. 7 – The CSTO's Collective Security Council agreed on Thursday to send peacekeepers to Kazakhstan at "
  "the request of President Kassym-Jomart Tokayev, the first time the alliance has invoked Article 4 of its "
  "treaty. Nikol Pashinyan, who chairs the council this year, announced the decision on Facebook.\n"
  "Paratroopers from Russia began landing at Almaty airport yesterday evening. Diplomats in New York said the UN "
  "Security Council had not been asked to discuss the crisis. Tokayev claimed that 20,000 armed bandits had "
  "attacked Almaty.",
  [("ALMATY", "almaty"), ("CSTO's Collective Security Council", "csto-collective-security-council"),
   ("Kazakhstan", "kazakhstan"), ("Kassym-Jomart Tokayev", "tokayev"), ("Nikol Pashinyan", "pashinyan"),
   ("Facebook", "facebook", "opt"), ("Russia", "russia"), ("Almaty airport", "almaty-airport"),
   ("New York", "new-york"), ("UN \nSecurity Council".replace(" \n", " "), "un-security-council"),
   ("Tokayev", "tokayev"), ("Almaty", "almaty")],
  [("Jan. 7", "2022-01-07", "day"), ("Thursday", "2022-01-06", "day", "rel"), ("this year", "2022", "year", "rel"),
   ("yesterday", "2022-01-06", "day", "rel")],
  ["Article 4", "20,000"],
  [("military", ["csto-collective-security-council", "kazakhstan"], "2022-01-06", "asserted",
    "agreed on Thursday to send peacekeepers to Kazakhstan"),
   ("statement", ["pashinyan", "csto-collective-security-council"], None, "asserted",
    "Nikol Pashinyan, who chairs the council this year, announced the decision"),
   ("military", ["russia", "kazakhstan", "almaty-airport"], "2022-01-06", "asserted",
    "Paratroopers from Russia began landing at Almaty airport yesterday evening"),
   ("meeting", ["un-security-council", "kazakhstan"], None, "negated",
    "Security Council had not been asked to discuss the crisis"),
   ("military", ["tokayev", "almaty"], None, "reported",
    "Tokayev claimed that 20,000 armed bandits had attacked Almaty")],
  notes="CSTO Collective Security Council vs UN Security Council; Article 4 not a date; 'claimed' = reported")

P("en-h15", "2022-09-17",
  "BISHKEK, Sept. 17 – Kyrgyzstan and Tajikistan agreed a ceasefire on Friday after three days of fighting along "
  "their border in Batken Region. Each side claimed the other had used tanks and drones against villages.\n"
  "The clashes broke out on Wednesday, on the eve of the SCO summit in Samarkand, where Sadyr Japarov and Emomali "
  "Rahmon spoke briefly on Friday. Separately, the Ministry of Foreign Affairs of Kyrgyzstan said talks with "
  "Uzbekistan on sharing the Kempir-Abad reservoir would resume.",
  [("BISHKEK", "bishkek"), ("Kyrgyzstan", "kyrgyzstan"), ("Tajikistan", "tajikistan"),
   ("Batken Region", "batken-region"), ("SCO", "sco"), ("Samarkand", "samarkand"), ("Sadyr Japarov", "japarov"),
   ("Emomali \nRahmon".replace(" \n", " "), "rahmon"),
   ("Ministry of Foreign Affairs of Kyrgyzstan", "kyrgyzstan-mfa"), ("Uzbekistan", "uzbekistan"),
   ("Kempir-Abad reservoir", "kempir-abad-reservoir")],
  [("Sept. 17", "2022-09-17", "day"), ("Friday", "2022-09-16", "day", "rel"), ("Wednesday", "2022-09-14", "day", "rel"),
   ("Friday", "2022-09-16", "day", "rel")],
  [],
  [("agreement", ["kyrgyzstan", "tajikistan"], "2022-09-16", "asserted",
    "Kyrgyzstan and Tajikistan agreed a ceasefire on Friday"),
   ("military", ["kyrgyzstan", "tajikistan", "batken-region"], "2022-09-14/2022-09-16", "asserted",
    "after three days of fighting along their border in Batken Region"),
   ("military", ["kyrgyzstan", "tajikistan"], None, "reported",
    "Each side claimed the other had used tanks and drones against villages"),
   ("meeting", ["japarov", "rahmon", "sco"], "2022-09-16", "asserted",
    "where Sadyr Japarov and Emomali Rahmon spoke briefly on Friday"),
   ("meeting", ["kyrgyzstan-mfa", "kyrgyzstan", "uzbekistan", "kempir-abad-reservoir"], None, "planned",
    "talks with Uzbekistan on sharing the Kempir-Abad reservoir would resume")],
  notes="Kyrgyzstan nested in the ministry name; last event must not inherit Friday")

P("en-h16", "2023-05-20",
  "XI'AN, May 20 – Xi Jinping hosted the first in-person China–Central Asia summit in this ancient city on "
  "May 18-19, where the six leaders signed the Xi'an Declaration and agreed to set up a permanent secretariat. "
  "China will provide 26 billion yuan in loans and grants to the region.\n"
  "Kazakh President Kassym-Jomart Tokayev, Shavkat Mirziyoyev, Sadyr Japarov, Emomali Rahmon and Serdar "
  "Berdimuhamedow also approved a plan for a freight corridor from western China through Uzbekistan. The next "
  "summit will be held in Kazakhstan in 2025.",
  [("XI'AN", "xian"), ("Xi Jinping", "xi-jinping"), ("China–Central Asia", "china-central-asia"),
   ("Xi'an Declaration", "xian-declaration-2023"), ("China", "china"), ("Kassym-Jomart Tokayev", "tokayev"),
   ("Shavkat Mirziyoyev", "mirziyoyev"), ("Sadyr Japarov", "japarov"), ("Emomali Rahmon", "rahmon"),
   ("Serdar \nBerdimuhamedow".replace(" \n", " "), "serdar-berdimuhamedov"), ("China", "china"),
   ("Uzbekistan", "uzbekistan"), ("Kazakhstan", "kazakhstan")],
  [("May 20", "2023-05-20", "day"), ("May 18-19", "2023-05-18/2023-05-19", "range"), ("2025", "2025", "year")],
  ["26 billion"],
  [("meeting", ["xi-jinping", "china-central-asia"], "2023-05-18/2023-05-19", "asserted",
    "Xi Jinping hosted the first in-person China–Central Asia summit in this ancient city"),
   ("agreement", ["china-central-asia", "xian-declaration-2023"], "2023-05-18/2023-05-19", "asserted",
    "the six leaders signed the Xi'an Declaration"),
   ("founding", ["china-central-asia"], "2023-05-18/2023-05-19", "asserted",
    "agreed to set up a permanent secretariat"),
   ("cooperation", ["china"], None, "planned", "China will provide 26 billion yuan in loans and grants to the region"),
   ("meeting", ["china-central-asia", "kazakhstan"], "2025", "planned",
    "summit will be held in Kazakhstan in 2025")],
  notes="Berdimuhamedow spelling; 'Kazakh President' adjective; amount not a date")

P("en-h17", "2023-09-20",
  "NEW YORK, Sept. 20 – Joe Biden held the first C5+1 summit at the level of heads of state on Tuesday, on the "
  "sidelines of the UN General Assembly. The five Central Asian leaders, including Turkmenistan's Serdar "
  "Berdimuhamedov, endorsed a new dialogue on critical minerals.\n"
  "Biden told them he would ask the US Congress to lift the Jackson–Vanik amendment, which still formally "
  "applies to Kazakhstan and Uzbekistan. Shavkat Mirziyoyev suggested holding the next summit in Central Asia.",
  [("NEW YORK", "new-york"), ("Joe Biden", "biden"), ("C5+1", "c5-plus-1"), ("UN General Assembly", "un-general-assembly"),
   ("Turkmenistan's", "turkmenistan"), ("Serdar \nBerdimuhamedov".replace(" \n", " "), "serdar-berdimuhamedov"),
   ("Biden", "biden"), ("US Congress", "us-congress"), ("Jackson–Vanik amendment", "jackson-vanik"),
   ("Kazakhstan", "kazakhstan"), ("Uzbekistan", "uzbekistan"), ("Shavkat Mirziyoyev", "mirziyoyev"),
   ("Central Asia", "central-asia")],
  [("Sept. 20", "2023-09-20", "day"), ("Tuesday", "2023-09-19", "day", "rel")],
  [],
  [("meeting", ["biden", "c5-plus-1"], "2023-09-19", "asserted",
    "Joe Biden held the first C5+1 summit at the level of heads of state on Tuesday"),
   ("cooperation", ["c5-plus-1", "turkmenistan"], "2023-09-19", "asserted",
    "endorsed a new dialogue on critical minerals"),
   ("statement", ["biden", "us-congress", "jackson-vanik"], "2023-09-19", "asserted",
    "Biden told them he would ask the US Congress to lift the Jackson–Vanik amendment"),
   ("meeting", ["mirziyoyev", "c5-plus-1", "central-asia"], None, "proposed",
    "Shavkat Mirziyoyev suggested holding the next summit in Central Asia")],
  notes="Serdar Berdimuhamedov (not his father); 'suggested holding' = meeting/proposed")

P("en-h18", "2024-11-15",
  "BAKU, Nov. 15 – Kazakhstan, Azerbaijan and Georgia have agreed to set up a joint company to run the "
  "Trans-Caspian International Transport Route. The agreement, signed on November 14th, builds on a roadmap the "
  "three transport ministers adopted at the port of Aktau on 9 August 2023.\n"
  "Cargo on the route, better known as the Middle Corridor, grew by 62 percent last year to 4.5 million tonnes, "
  "according to an EBRD study. The ministers will meet again in Tbilisi by Aug. 31.",
  [("BAKU", "baku"), ("Kazakhstan", "kazakhstan"), ("Azerbaijan", "azerbaijan"), ("Georgia", "georgia"),
   ("Trans-Caspian International Transport Route", "middle-corridor"), ("port of Aktau", "aktau-port"),
   ("Middle Corridor", "middle-corridor"), ("EBRD", "ebrd"), ("Tbilisi", "tbilisi")],
  [("Nov. 15", "2024-11-15", "day"), ("November 14th", "2024-11-14", "day"), ("9 August 2023", "2023-08-09", "day"),
   ("last year", "2023", "year", "rel"), ("Aug. 31", "2025-08-31", "day")],
  ["62 percent", "4.5 million"],
  [("agreement", ["kazakhstan", "azerbaijan", "georgia", "middle-corridor"], "2024-11-14", "asserted",
    "Kazakhstan, Azerbaijan and Georgia have agreed to set up a joint company to run the"),
   ("agreement", ["middle-corridor", "aktau-port"], "2023-08-09", "asserted",
    "three transport ministers adopted at the port of Aktau on 9 August 2023"),
   ("meeting", ["tbilisi"], "2025-08-31", "planned", "The ministers will meet again in Tbilisi by Aug. 31")],
  notes="ordinal 'November 14th'; '9 August 2023'; yearless 'Aug. 31' after the publication date = next year")

P("en-h19", "2025-03-14",
  "BISHKEK, March 14 – Sadyr Japarov and Emomali Rahmon signed a treaty on the state border between Kyrgyzstan and "
  "Tajikistan in Bishkek on Thursday, closing a conflict over a 972-kilometre frontier that led to deadly clashes "
  "in 2021 and 2022. Japarov said most of the sections had been undisputed for years and only a few villages "
  "would change hands.\n"
  "The Ministry of Foreign Affairs of Kyrgyzstan said the treaty would go to parliament next week. Uzbekistan's "
  "Shavkat Mirziyoyev is expected to join both leaders in Khujand at the end of the month. Local analysts say both "
  "capitals should now reopen the crossings closed since the fighting.",
  [("BISHKEK", "bishkek"), ("Sadyr Japarov", "japarov"), ("Emomali Rahmon", "rahmon"), ("Kyrgyzstan", "kyrgyzstan"),
   ("Tajikistan", "tajikistan"), ("Bishkek", "bishkek"), ("Japarov", "japarov"),
   ("Ministry of Foreign Affairs of Kyrgyzstan", "kyrgyzstan-mfa"), ("Uzbekistan's", "uzbekistan"),
   ("Shavkat Mirziyoyev", "mirziyoyev"), ("Khujand", "khujand")],
  [("March 14", "2025-03-14", "day"), ("Thursday", "2025-03-13", "day", "rel"), ("2021", "2021", "year"),
   ("2022", "2022", "year"), ("next week", "2025-03-17/2025-03-23", "week", "rel"),
   ("the end of the month", "2025-03", "month", "rel")],
  ["972-kilometre"],
  [("agreement", ["japarov", "rahmon", "kyrgyzstan", "tajikistan"], "2025-03-13", "asserted",
    "signed a treaty on the state border between Kyrgyzstan and Tajikistan in Bishkek on Thursday"),
   ("military", ["kyrgyzstan", "tajikistan"], "2021/2022", "asserted",
    "that led to deadly clashes in 2021 and 2022"),
   ("agreement", ["kyrgyzstan-mfa", "kyrgyzstan"], "2025-03-17/2025-03-23", "planned",
    "said the treaty would go to parliament next week"),
   ("meeting", ["mirziyoyev", "japarov", "rahmon", "khujand"], "2025-03", "planned",
    "Shavkat Mirziyoyev is expected to join both leaders in Khujand at the end of the month"),
   ("cooperation", ["kyrgyzstan", "tajikistan"], None, "recommended",
    "both capitals should now reopen the crossings closed since the fighting")],
  notes="'undisputed' is not a dispute; ministry name wins over Kyrgyzstan; 'is expected to' = planned")

P("en-h20", "2026-11-28",
  "MOSCOW, Nov. 28 – Leaders of the Collective Security Treaty Organization met in the Kremlin on Thursday without "
  "Armenia, which has frozen its participation in the bloc since 2024. Nikol Pashinyan did not attend, and Yerevan "
  "again refused to pay its share of the budget.\n"
  "Kazakhstan's Kassym-Jomart Toqaev called for closer work with the SCO on Afghanistan. CSTO Secretary General "
  "Imangali Tasmagambetov said joint exercises would be held in Belarus next year. If Armenia formally withdraws "
  "from the treaty, the organization would shrink to five members.",
  [("MOSCOW", "moscow"), ("Collective Security Treaty Organization", "csto"), ("Kremlin", "kremlin"),
   ("Armenia", "armenia"), ("Nikol Pashinyan", "pashinyan"), ("Yerevan", "yerevan"), ("Kazakhstan's", "kazakhstan"),
   ("Kassym-Jomart Toqaev", "tokayev"), ("SCO", "sco"), ("Afghanistan", "afghanistan"), ("CSTO", "csto"),
   ("Imangali Tasmagambetov", "tasmagambetov"), ("Belarus", "belarus"), ("Armenia", "armenia")],
  [("Nov. 28", "2026-11-28", "day"), ("Thursday", "2026-11-26", "day", "rel"), ("since 2024", "2024/..", "year"),
   ("next year", "2027", "year", "rel")],
  [],
  [("meeting", ["csto", "kremlin"], "2026-11-26", "asserted",
    "Leaders of the Collective Security Treaty Organization met in the Kremlin on Thursday"),
   ("meeting", ["pashinyan", "armenia", "csto"], "2026-11-26", "negated", "Nikol Pashinyan did not attend"),
   ("cooperation", ["armenia", "csto"], None, "negated", "Yerevan again refused to pay its share of the budget"),
   ("proposal", ["tokayev", "kazakhstan", "csto", "sco", "afghanistan"], "2026-11-26", "asserted",
    "called for closer work with the SCO on Afghanistan"),
   ("military", ["csto", "tasmagambetov", "belarus"], "2027", "planned",
    "said joint exercises would be held in Belarus next year"),
   ("withdrawal", ["armenia", "csto"], None, "hypothetical", "If Armenia formally withdraws from the treaty")],
  notes="'without Armenia': Armenia is no participant of the meeting; negated attendance; 'if' = hypothetical")

# added 2026-12-06 by the evtA helper before its rule changes (original texts; probes: framing verbs, repeated
# tellings of one event, one event per clause, trigger senses by their arguments, undisputed/founding principles)
P("en-h21", "2025-04-18",
  "ASTANA, April 18 – Kazakhstan and Uzbekistan agreed on Thursday to build a joint industrial zone on their "
  "border, Foreign Minister Murat Nurtleu said after talks with his Uzbek counterpart in Tashkent. The two sides "
  "also signed a memorandum on water sharing along the Syr Darya. Nurtleu stressed that the border between the two "
  "countries is undisputed and fully demarcated.\n"
  "Officials noted that the talks in Tashkent were the third such meeting this year. The ministers will meet again "
  "in Astana in June, when a treaty on the zone is expected to be signed. Analysts said the founding principles of "
  "the partnership, laid out in 2022, remained intact.",
  [("ASTANA", "astana"), ("Kazakhstan", "kazakhstan"), ("Uzbekistan", "uzbekistan"), ("Murat Nurtleu", "nurtleu"),
   ("Tashkent", "tashkent"), ("Syr Darya", "syr-darya"), ("Nurtleu", "nurtleu"), ("Tashkent", "tashkent"),
   ("Astana", "astana")],
  [("April 18", "2025-04-18", "day"), ("Thursday", "2025-04-17", "day", "rel"), ("this year", "2025", "year", "rel"),
   ("June", "2025-06", "month"), ("2022", "2022", "year")],
  [],
  [("agreement", ["kazakhstan", "uzbekistan"], "2025-04-17", "asserted",
    "Kazakhstan and Uzbekistan agreed on Thursday to build a joint industrial zone"),
   ("meeting", ["nurtleu", "kazakhstan", "uzbekistan", "tashkent"], None, "asserted",
    "Murat Nurtleu said after talks with his Uzbek counterpart in Tashkent"),
   ("agreement", ["kazakhstan", "uzbekistan", "syr-darya"], None, "asserted",
    "The two sides also signed a memorandum on water sharing along the Syr Darya"),
   ("statement", ["nurtleu", "kazakhstan", "uzbekistan"], None, "asserted",
    "Nurtleu stressed that the border between the two countries is undisputed"),
   ("meeting", ["kazakhstan", "uzbekistan", "astana"], "2025-06", "planned",
    "The ministers will meet again in Astana in June"),
   ("agreement", ["kazakhstan", "uzbekistan"], "2025-06", "planned",
    "when a treaty on the zone is expected to be signed")],
  notes="the talks told twice (one meeting); 'undisputed' and 'founding principles' are no dispute/founding")

P("en-h22", "2023-10-14",
  "BISHKEK, Oct. 14 – Kyrgyzstan accused Tajikistan on Friday of moving armoured vehicles to the Batken Region "
  "border, days after the two governments said they had settled most of the disputed sections. Tajik officials "
  "denied any build-up and said the troops were on a routine rotation. The Collective Security Treaty Organization, "
  "to which both countries belong, called for restraint.\n"
  "President Sadyr Japarov said he hoped to meet Emomali Rahmon before the end of the year to finish the "
  "demarcation. If the talks fail, Bishkek could take the dispute to the CSTO, a government source said.",
  [("BISHKEK", "bishkek"), ("Kyrgyzstan", "kyrgyzstan"), ("Tajikistan", "tajikistan"),
   ("Batken Region", "batken-region"), ("Collective Security Treaty Organization", "csto"),
   ("Sadyr Japarov", "japarov"), ("Emomali Rahmon", "rahmon"), ("Bishkek", "bishkek"), ("CSTO", "csto")],
  [("Oct. 14", "2023-10-14", "day"), ("Friday", "2023-10-13", "day", "rel"),
   ("the end of the year", "2023-12", "month", "rel")],
  [],
  [("dispute", ["kyrgyzstan", "tajikistan"], "2023-10-13", "asserted",
    "Kyrgyzstan accused Tajikistan on Friday of moving armoured vehicles"),
   ("military", ["tajikistan", "batken-region"], None, "reported",
    "of moving armoured vehicles to the Batken Region border"),
   ("statement", ["tajikistan"], None, "asserted",
    "Tajik officials denied any build-up and said the troops were on a routine rotation"),
   ("statement", ["csto", "kyrgyzstan", "tajikistan"], None, "asserted",
    "to which both countries belong, called for restraint"),
   ("meeting", ["japarov", "rahmon", "kyrgyzstan", "tajikistan"], None, "planned",
    "President Sadyr Japarov said he hoped to meet Emomali Rahmon"),
   ("dispute", ["kyrgyzstan", "tajikistan", "csto"], None, "hypothetical",
    "If the talks fail, Bishkek could take the dispute to the CSTO")],
  notes="'disputed sections' inside a settlement is no new dispute; hoped to meet = planned; if/could = hypothetical")

P("en-h23", "2024-07-05",
  "ASTANA, July 5 – Leaders of the Shanghai Cooperation Organization yesterday admitted Belarus as the bloc's tenth "
  "full member at their summit in the Kazakh capital. Alexander Lukashenko thanked the hosts and said Minsk would "
  "take part in all of the group's formats.\n"
  "The summit, chaired by Kassym-Jomart Tokayev, also adopted the Astana Declaration and a development strategy to "
  "2035. At the two-day meeting, attended by Xi Jinping and Vladimir Putin, Tokayev proposed setting up an SCO "
  "investment fund. Turkmenistan, a neutral state, again declined to join the organization.",
  [("ASTANA", "astana"), ("Shanghai Cooperation Organization", "sco"), ("Belarus", "belarus"),
   ("Alexander Lukashenko", "lukashenko"), ("Minsk", "minsk"), ("Kassym-Jomart Tokayev", "tokayev"),
   ("Astana Declaration", "sco-astana-declaration-2024"), ("development strategy to 2035", "sco-strategy-2035"),
   ("Xi Jinping", "xi-jinping"), ("Vladimir Putin", "putin"), ("Tokayev", "tokayev"), ("SCO", "sco"),
   ("Turkmenistan", "turkmenistan")],
  [("July 5", "2024-07-05", "day"), ("yesterday", "2024-07-04", "day", "rel")],
  ["tenth", "two-day"],
  [("membership", ["belarus", "sco"], "2024-07-04", "asserted",
    "Shanghai Cooperation Organization yesterday admitted Belarus as the bloc's tenth full member"),
   ("meeting", ["sco", "astana"], "2024-07-04", "asserted",
    "full member at their summit in the Kazakh capital"),
   ("statement", ["lukashenko", "belarus", "sco"], None, "asserted",
    "Alexander Lukashenko thanked the hosts and said Minsk would take part"),
   ("agreement", ["sco", "sco-astana-declaration-2024", "sco-strategy-2035", "tokayev"], None, "asserted",
    "also adopted the Astana Declaration and a development strategy to 2035"),
   ("founding", ["tokayev", "sco"], None, "proposed",
    "Tokayev proposed setting up an SCO investment fund"),
   ("membership", ["turkmenistan", "sco"], None, "negated",
    "Turkmenistan, a neutral state, again declined to join the organization")],
  notes="the summit told three times (one meeting); 'would take part' inside a statement; declined to join = negated")

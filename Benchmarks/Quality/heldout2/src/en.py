# English passages of heldout2 (original texts, written 2026-12-06 by the ent session before its rule changes).

P("en-e01", "2023-09-20",
  "NEW YORK, Sept. 20. Yesterday the presidents of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan "
  "met Joe Biden on the sidelines of the UN General Assembly, the first C5+1 meeting at the level of heads of state. "
  "Tokayev's office said the leaders discussed critical minerals and the Trans-Caspian International Transport Route. "
  "Meanwhile the Eurasian Economic Union warned that new sanctions could hurt trade. Later the Kyrgyz president Sadyr "
  "Japarov met Antony Blinken. Also on Tuesday the Asian Development Bank pledged $1 billion for the CAREC programme. "
  "Next year the C5+1 summit may be held in Central Asia.",
  [("NEW YORK", "new-york"), ("Kazakhstan", "kazakhstan"), ("Kyrgyzstan", "kyrgyzstan"), ("Tajikistan", "tajikistan"),
   ("Turkmenistan", "turkmenistan"), ("Uzbekistan", "uzbekistan"), ("Joe Biden", "biden"),
   ("UN General Assembly", "un-general-assembly"), ("C5+1", "c5-plus-1"), ("Tokayev", "tokayev"),
   ("Trans-Caspian International Transport Route", "middle-corridor"), ("Eurasian Economic Union", "eaeu"),
   ("Sadyr Japarov", "japarov"), ("Antony Blinken", "blinken"), ("Asian Development Bank", "adb"),
   ("CAREC", "carec"), ("C5+1", "c5-plus-1"), ("Central Asia", "central-asia")],
  [("Sept. 20", "2023-09-20", "day"), ("Yesterday", "2023-09-19", "day", "rel"), ("Tuesday", "2023-09-19", "day", "rel"),
   ("Next year", "2024", "year", "rel")],
  ["$1 billion"],
  [("meeting", ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "biden", "c5-plus-1"],
    "2023-09-19", "asserted", "the presidents of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan met Joe Biden"),
   ("statement", ["eaeu"], None, "asserted", "the Eurasian Economic Union warned that new sanctions could hurt trade"),
   ("meeting", ["japarov", "blinken"], None, "asserted", "Later the Kyrgyz president Sadyr Japarov met Antony Blinken"),
   ("cooperation", ["adb", "carec"], "2023-09-19", "asserted", "the Asian Development Bank pledged $1 billion for the CAREC programme"),
   ("meeting", ["c5-plus-1", "central-asia"], "2024", "hypothetical", "Next year the C5+1 summit may be held in Central Asia")],
  notes="sentence-initial adverbs before 'the' (Yesterday/Meanwhile/Later/Next year the ...); Kyrgyz as an adjective")

P("en-e02", "2022-01-08",
  "ALMATY, Jan. 8. On Thursday the Collective Security Treaty Organization began sending troops to Kazakhstan at the "
  "request of Kassym-Jomart Tokayev, after protests that started in Zhanaozen spread to Almaty. Toqaev said the "
  "airport had been seized. Then the Russian paratroopers took over guarding the Baikonur cosmodrome and state "
  "buildings in Nur-Sultan. The CSTO Secretary General Stanislav Zas said the mission would last several weeks. "
  "Karim Massimov, the former head of the National Security Committee, was detained. Earlier the Armenian prime "
  "minister Nikol Pashinyan, who chairs the bloc's council, had approved the deployment.",
  [("ALMATY", "almaty"), ("Collective Security Treaty Organization", "csto"), ("Kazakhstan", "kazakhstan"),
   ("Kassym-Jomart Tokayev", "tokayev"), ("Zhanaozen", "zhanaozen"), ("Almaty", "almaty"), ("Toqaev", "tokayev"),
   ("Baikonur cosmodrome", "baikonur"), ("Nur-Sultan", "astana"), ("CSTO", "csto"), ("Stanislav Zas", "zas"),
   ("Karim Massimov", "massimov"), ("National Security Committee", "kz-knb"), ("Nikol Pashinyan", "pashinyan")],
  [("Jan. 8", "2022-01-08", "day"), ("Thursday", "2022-01-06", "day", "rel")],
  [],
  [("military", ["csto", "kazakhstan"], "2022-01-06", "asserted",
    "the Collective Security Treaty Organization began sending troops to Kazakhstan"),
   ("statement", ["tokayev"], None, "asserted", "Toqaev said the airport had been seized"),
   ("statement", ["zas"], None, "asserted", "Stanislav Zas said the mission would last several weeks")],
  notes="sentence-initial adverbs before 'the' (On Thursday/Then/Earlier the ...); Russian/Armenian as adjectives")

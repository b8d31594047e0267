# Actor and target of heldout4 events (written 2026-12-08 by the annotator of the set, blind to the system: from the
# texts and the gold events alone; no Dala source, rules, tests, scripts, docs or outputs read or run). Y(passage id,
# event index in the passage (0-based), actors, targets, mutual=False) adds "actor" and "target" (registry keys) to
# that event of passages.jsonl. Same format and rules as ../../heldout3/src/dyads.py (itself following
# ../../heldout/src/dyads.py).
#
# Annotated: events whose sentence names both sides: the one who acts (subject, agent: `A met B`, `A signed with B`,
# `A joined B`, `A imposed an embargo on B`, `A asked B to …`, `A will travel to B`) and the other party (the one met,
# joined, addressed, acted on, talked with; a state or organisation characterised in a statement, as heldout3's
# "Путин назвал Казахстан союзником"). Not annotated: an organisation, treaty, project or facility founded, signed,
# built, opened or objected to (an object, not a party), a place where it happened, parties referred to only by an
# anaphor or a pronoun in the event's sentence (`the two presidents`, `the five leaders`, `the gathering`, `Он`,
# `стороны`, `обеими странами`, `с соседом`, `тараптар`, `екі ел басшылары`, `ұйымға`, `бестік`), coordinations of
# three or more parties with no other side, attending a summit, and events with one side. `mutual`: the text gives
# no direction (`A and B signed`, `A мен B`, `A и B провели`, opposing claims of A and B).
#
# As in heldout3: only the event's own participant keys are used, and every side lists all the event's participants
# that belong to it, also when only one of them is named in the sentence (a president and his state). make.py checks
# that every key is a participant of its event.
#
# (?) marks a borderline call: a side named only by an adjective (таджикского долга, российско-казахстанской,
# ресейлік), a country that is also the place (оқтұмсықтар Қазақстан аумағындағы), a statement's subject as target
# (the Commonwealth, the SCO), joining a treaty (the 2022 friendship treaty), a passive signing read as mutual,
# opposing positions read as a mutual dispute, the addressee of a request rather than the one the requested act is
# done to (Otunbayeva → Russia; Nazarbayev's invitation → Yeltsin).
# Skipped although arguable: en-t02 4 and 5 ("The republic", "the two countries"), en-t03 1 (the refused inquiry has no named counterpart), en-t05 1 is kept but en-t05 5
# skipped (refugees not named as Uzbeks in the sentence), en-t06 4 (Turkmenistan is the place), en-t11 2 and 6 (the
# SCO is not named in the sentence), en-t12 4 (the railway is an object, "the line"), ru-t05 1 (Russia is only the
# condition of Belarus joining the code), ru-t06 1 ("Он"), ru-t06 2 (Tashkent and Bishkek are route ends),
# ru-t06 4 ("с соседом"), ru-t09 2 (the EAEU is not named in the sentence), ru-t09 5 (a summit of the EAEU, not a
# counterpart), kk-t06 1 and kk-t08 1 (only the host is named in the talks' sentence), kk-t08 6 ("ұйымға"),
# kk-t09 3 (the admission concerns the airline's plane).

# en
Y("en-t01", 4, ["nazarbayev"], ["cis"])                                      # Nazarbayev told reporters the Commonwealth was …  (?)
Y("en-t02", 0, ["usa"], ["kazakhstan"])                                      # The United States has removed uranium from Kazakhstan
Y("en-t02", 2, ["kazakhstan"], ["usa"])                                      # Almaty had asked Washington for help
Y("en-t03", 0, ["eu"], ["uzbekistan"])                                       # EU ministers imposed an arms embargo on Uzbekistan
Y("en-t03", 5, ["karimov", "uzbekistan"], ["usa"])                           # Karimov gave them (the U.S. aircraft) 180 days to go
Y("en-t03", 6, ["karimov", "uzbekistan"], ["putin", "russia", "moscow"])     # Karimov signed a Treaty … with … Putin in Moscow
Y("en-t05", 0, ["otunbayeva", "kyrgyzstan"], ["russia"])                     # Otunbayeva asked Russia to send troops  (?)
Y("en-t05", 1, ["russia"], ["kyrgyzstan"])                                   # the Kremlin said it would not intervene (Kyrgyzstan's … in the sentence)
Y("en-t06", 2, ["xi-jinping", "china"], ["nazarbayev", "kazakhstan"], mutual=True)  # Xi and … Nazarbayev signed deals
Y("en-t06", 3, ["china"], ["conocophillips"])                                # China's purchase of a stake … from ConocoPhillips
Y("en-t06", 5, ["xi-jinping", "china"], ["uzbekistan", "kyrgyzstan"])        # (Xi) will travel to Uzbekistan and Kyrgyzstan
Y("en-t07", 6, ["jeenbekov", "kyrgyzstan"], ["rahmon", "tajikistan"], mutual=True)  # Jeenbekov and … Rahmon discussed
Y("en-t08", 3, ["turkmenistan"], ["azerbaijan"])                             # Turkmenistan has long sought a pipeline to Azerbaijan
Y("en-t09", 0, ["xi-jinping", "china"], ["tokayev", "kazakhstan"])           # Xi chose Kazakhstan …, holding talks with Tokayev
Y("en-t09", 2, ["xi-jinping", "china"], ["kazakhstan"])                      # Xi told Tokayev that China would support Kazakhstan's independence
Y("en-t09", 3, ["russia"], ["ukraine"])                                      # Russia's invasion of Ukraine
Y("en-t09", 6, ["xi-jinping", "china"], ["putin", "russia"])                 # Xi is due to meet … Putin
Y("en-t09", 7, ["china"], ["kazakhstan"])                                    # China had offered Kazakhstan security guarantees
Y("en-t10", 0, ["xi-jinping", "china"], ["central-asia"])                    # a development plan for Central Asia, offering 26 billion yuan
Y("en-t10", 6, ["g7"], ["china"])                                            # a G7 communique … expected to criticise China's …
Y("en-t11", 0, ["belarus"], ["sco"])                                         # Belarus became the tenth member of the SCO
Y("en-t11", 3, ["lukashenko", "belarus"], ["china", "russia"])               # Lukashenko … thanked China and Russia
Y("en-t11", 4, ["xi-jinping", "china"], ["putin", "russia"], mutual=True)    # Xi Jinping and … Putin held talks
Y("en-t12", 5, ["world-bank"], ["afghanistan", "taliban"])                   # the World Bank … will not lend to the Taliban administration
Y("en-t12", 6, ["russia"], ["taliban", "afghanistan"])                       # Russia … recognise the Taliban government

# ru
Y("ru-t01", 0, ["yeltsin", "russia"], ["nazarbayev", "kazakhstan"], mutual=True)  # Президенты России и Казахстана … подписали
Y("ru-t01", 5, ["kazakhstan"], ["azerbaijan"])                               # (В Астане считают) соглашение с Азербайджаном  (?)
Y("ru-t01", 6, ["nazarbayev", "kazakhstan"], ["yeltsin", "russia"])          # Назарбаев пригласил Ельцина  (?)
Y("ru-t03", 0, ["putin", "russia"], ["rahmon", "tajikistan"], mutual=True)   # Путин и … Рахмонов открыли базу
Y("ru-t03", 2, ["tajikistan"], ["russia"])                                   # Таджикистан передал России «Окно»
Y("ru-t03", 3, ["russia"], ["tajikistan"])                                   # Москва списала … таджикского долга  (?)
Y("ru-t03", 5, ["russia"], ["tajikistan"])                                   # российские пограничники … передать её таджикской стороне  (?)
Y("ru-t04", 2, ["putin", "russia"], ["iran"])                                # Визит Путина … посещением Ирана
Y("ru-t04", 3, ["stalin", "ussr"], ["iran"])                                 # поездки Иосифа Сталина в Тегеран
Y("ru-t04", 5, ["azerbaijan", "kazakhstan"], ["iran"], mutual=True)          # Азербайджан и Казахстан настаивают …, Иран требует …  (?)
Y("ru-t05", 6, ["russia"], ["kazakhstan"], mutual=True)                      # контроль на российско-казахстанской границе будет снят  (?)
Y("ru-t06", 0, ["mirziyoyev", "uzbekistan"], ["kyrgyzstan"])                 # Мирзиёев прибыл в Бишкек … визитом … в Киргизию
Y("ru-t06", 5, ["mirziyoyev", "uzbekistan"], ["atambayev", "kyrgyzstan"])    # Мирзиёев пригласил Атамбаева посетить Ташкент
Y("ru-t07", 3, ["russia"], ["tajikistan"])                                   # Россия поможет Таджикистану защитить границу
Y("ru-t07", 5, ["uzbekistan"], ["csto"])                                     # Узбекистан, вышедший из ОДКБ
Y("ru-t07", 6, ["uzbekistan"], ["csto"])                                     # (вышедший из ОДКБ) в этих манёврах участвовать не будет  (?)
Y("ru-t08", 1, ["rahmon", "tajikistan"], ["putin"])                          # Рахмон … призвал Владимира Путина
Y("ru-t08", 5, ["putin", "russia"], ["erdogan", "turkey"])                   # Путин предложил … Эрдогану
Y("ru-t09", 0, ["uzbekistan"], ["eaeu"])                                     # Узбекистан получил статус наблюдателя при ЕАЭС
Y("ru-t09", 4, ["uzbekistan"], ["eaeu"])                                     # Ташкент не планирует вступать в ЕАЭС
Y("ru-t09", 6, ["uzbekistan"], ["wto"])                                      # Ташкенту стоило бы … о вступлении во ВТО

# kk
Y("kk-t01", 0, ["nazarbayev", "kazakhstan"], ["yeltsin", "russia"], mutual=True)  # Қазақстан мен Ресей президенттері … қол қойды
Y("kk-t01", 1, ["russia"], ["kazakhstan"])                                   # Ресей Қазақстан аумағындағы оқтұмсықтарды әкетуге  (?)
Y("kk-t01", 3, ["yeltsin", "russia"], ["kazakhstan", "almaty"])              # Ельцин … Алматыға баруға уәде берді
Y("kk-t02", 3, ["jiang-zemin", "china"], ["kazakhstan"])                     # Цзян Цзэминь … Қазақстанда ресми сапармен қалды
Y("kk-t02", 4, ["jiang-zemin", "china"], ["nazarbayev", "kazakhstan"])       # ол (Цзян) Назарбаевпен … келісімге қол қоюы күтілуде
Y("kk-t03", 1, ["uzbekistan"], ["shanghai-five"])                            # Өзбекстан «Шанхай бестігіне» … қосылды
Y("kk-t03", 5, ["putin", "russia"], ["sco"])                                 # Путин ШЫҰ-ның НАТО-ға қарсы бағытталмағанын  (?)
Y("kk-t04", 2, ["turkmenistan"], ["china"])                                  # Түрікменстан … Қытайға … газ жеткізбек
Y("kk-t04", 3, ["kazakhstan"], ["china"])                                    # Қазақстан … газын Қытайға экспорттауды
Y("kk-t04", 4, ["niyazov", "turkmenistan"], ["china", "beijing"])            # Ниязовтың Пекинге сапары
Y("kk-t04", 5, ["niyazov", "turkmenistan"], ["china"], mutual=True)          # сапары кезінде қол қойылған келісім  (?)
Y("kk-t05", 0, ["kazakhstan"], ["wto"])                                      # Қазақстан … ДСҰ-ның 162-мүшесі атанды
Y("kk-t05", 4, ["russia", "belarus"], ["kazakhstan"])                        # Ресей мен Беларусь Қазақстанның … қарсылық білдірген
Y("kk-t05", 5, ["kazakhstan"], ["eaeu"])                                     # Қазақстан ЕАЭО серіктестерімен … келісім жасауы керек
Y("kk-t05", 6, ["uzbekistan", "turkmenistan"], ["wto"])                      # Өзбекстан мен Түрікменстан … ДСҰ-ға кіруге ниет білдірмей
Y("kk-t06", 0, ["mirziyoyev", "uzbekistan"], ["kazakhstan"])                 # Мирзиёев … Қазақстанға … сапармен келді
Y("kk-t06", 3, ["nazarbayev", "kazakhstan"], ["uzbekistan"])                 # Назарбаев Өзбекстанды … серіктесі деп атады
Y("kk-t07", 4, ["tajikistan", "turkmenistan"], ["ca-friendship-treaty-2022"])  # шартқа Тәжікстан мен Түрікменстан әлі қосылмаған  (?)
Y("kk-t08", 0, ["putin", "russia"], ["kazakhstan"])                          # Путин … Қазақстанға мемлекеттік сапармен келді
Y("kk-t08", 3, ["kazakhstan"], ["brics"])                                    # Қазақстан … БРИКС-ке серіктес ел болу ұсынысынан бас тартқан
Y("kk-t08", 7, ["tokayev", "kazakhstan"], ["putin"], mutual=True)            # Тоқаев пен Путин … келіскен
Y("kk-t09", 0, ["russia", "putin"], ["central-asia", "tokayev", "japarov", "serdar-berdimuhamedov", "mirziyoyev", "rahmon"], mutual=True)  # Ресей мен Орталық Азия … саммиті
Y("kk-t09", 2, ["putin", "russia"], ["aliyev", "azerbaijan"])                # Путин … Ильхам Әлиевпен кездесіп
Y("kk-t09", 4, ["russia"], ["azal"])                                         # AZAL ұшағына ресейлік әуе қорғанысы зымырандарының қатысы  (?)

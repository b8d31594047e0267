# Actor and target of heldout3 events (written 2026-12-07 by a second annotator, blind to the system: from the texts
# and the gold events alone; no Dala source, rules, tests, scripts, docs or outputs read or run). Y(passage id, event
# index in the passage (0-based), actors, targets, mutual=False) adds "actor" and "target" (registry keys) to that
# event of passages.jsonl. Same format and rules as ../../heldout/src/dyads.py.
#
# Annotated: events whose sentence names both sides: the one who acts (subject, agent: `A met B`, `A held talks with
# B`, `A joined B`, `A accused B`, `A demanded from B`, `A will visit B`) and the other party (the one met, joined,
# addressed, acted on, talked with). Not annotated: an organisation, treaty, project or facility founded, signed,
# built or assessed (an object, not a party), a place where it happened, parties only referred to in the event's
# sentence (`the group`, `the region`, `the bloc`, `the new authorities`, `the five presidents`, `стороны`,
# `обеих стран`, `союза`, `тараптар`, `ұйым`, `одаққа`), coordinations of three or more parties with no other side,
# attending a summit, and events with one side. `mutual`: the text gives no direction (`A and B signed`, `A мен B`,
# `between A and B`, a passive signing between two named sides, a clash on A and B's border).
#
# Differences from heldout's file: only the event's own participant keys are used (heldout sometimes adds a person's
# state that is not a participant); every side lists all the event's participants that belong to it, also when only
# one of them is named in the sentence (en-t07 0 `taliban`, en-t09 0 the five states, kk-t08 0 the five armies'
# states). make.py checks that every key is a participant of its event.
#
# (?) marks a borderline call: a party named only by an adjective (Turkmen gas, американскую авиабазу, тәжік
# әскерилері, киргизско-таджикской), a country that is also the place (a route across Iran, leaving Afghanistan), the
# addressee of a request rather than the one the requested act is done to (Karimov → USA, not the IMU), joining a
# treaty or committee (ca-ses-treaty-1994, abraham-accords, middle-corridor), a passive signing read as mutual.
# Skipped although arguable (one side only implicit or an anaphor in the event's sentence): en-t01 1, 2; en-t02 2;
# en-t03 6; en-t04 1, 3; en-t07 5, 6 (attending a summit), 7; en-t08 3 ("the five presidents"); en-t09 5; en-t10 1;
# en-t12 1, 2, 4; ru-t01 6; ru-t03 1; ru-t04 2; ru-t06 5; ru-t08 7; ru-t09 1 (three leaders); ru-t11 0; ru-t12 3;
# kk-t03 5; kk-t05 4; kk-t06 1, 2; kk-t08 3; kk-t12 3.

# en
Y("en-t01", 5, ["kazakhstan"], ["russia"])                                   # Almaty would not seek compensation from Moscow
Y("en-t01", 6, ["kazakhstan"], ["iaea"])                                     # would raise the clean-up … with the IAEA
Y("en-t02", 0, ["turkmenistan"], ["iran"], mutual=True)                      # Turkmenistan and Iran opened a pipeline
Y("en-t02", 1, ["niyazov", "turkmenistan"], ["khatami", "iran"], mutual=True)  # Niyazov and Khatami turned a valve
Y("en-t02", 3, ["gazprom"], ["turkmenistan"])                                # Gazprom has not bought Turkmen gas  (?)
Y("en-t02", 6, ["usa"], ["iran"])                                            # Washington's opposition to any route across Iran  (?)
Y("en-t03", 0, ["uzbekistan"], ["usa"])                                      # agreed to let U.S. forces use its base
Y("en-t03", 1, ["uzbekistan"], ["usa"])                                      # will not allow air strikes (same sentence)
Y("en-t03", 2, ["karimov", "uzbekistan"], ["rumsfeld", "usa"])               # Karimov … after talks with Rumsfeld
Y("en-t03", 4, ["usa"], ["uzbekistan"])                                      # Washington … sign a security guarantee with Tashkent
Y("en-t03", 5, ["karimov"], ["usa"])                                         # Karimov asked the United States to target the IMU  (?)
Y("en-t04", 0, ["uzbekistan"], ["csto"])                                     # Uzbekistan has suspended its membership of the CSTO
Y("en-t04", 4, ["usa"], ["afghanistan"])                                     # U.S. troops prepare to leave Afghanistan  (?)
Y("en-t04", 5, ["bordyuzha", "csto"], ["uzbekistan"])                        # CSTO … members should consider ending Uzbekistan's membership
Y("en-t05", 1, ["syria"], ["syrian-armed-opposition"], mutual=True)          # talks between the Syrian government and armed opposition
Y("en-t05", 3, ["alloush", "syrian-armed-opposition"], ["iran"])             # would not accept any role for Tehran
Y("en-t06", 0, ["tajikistan"], ["uzbekistan"], mutual=True)                  # Tajikistan and Uzbekistan will scrap visas
Y("en-t06", 1, ["mirziyoyev", "uzbekistan"], ["tajikistan", "dushanbe"])     # state visit … to Dushanbe
Y("en-t06", 2, ["mirziyoyev", "uzbekistan"], ["rahmon", "tajikistan"], mutual=True)  # Mirziyoyev and … Rahmon signed
Y("en-t06", 3, ["karimov", "uzbekistan"], ["tajikistan"])                    # Tashkent opposed Tajikistan's Rogun dam
Y("en-t07", 0, ["tajikistan"], ["afghanistan", "taliban"])                   # will not recognise any government in Kabul
Y("en-t07", 1, ["rahmon", "tajikistan"], ["csto"])                           # Rahmon told leaders of the CSTO
Y("en-t07", 2, ["rahmon"], ["taliban"])                                      # openly criticised the Taliban
Y("en-t07", 3, ["taliban"], ["kabul", "afghanistan"])                        # they seized Kabul
Y("en-t07", 4, ["uzbekistan", "kamilov"], ["afghanistan", "kabul"])          # Tashkent sent a delegation … to Kabul
Y("en-t08", 0, ["michel", "european-council", "eu"], ["central-asia"])       # Michel met the leaders of the five Central Asian states
Y("en-t08", 5, ["kazakhstan"], ["russia"])                                   # would not help Moscow circumvent sanctions
Y("en-t09", 0, ["eu"], ["central-asia", "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"], mutual=True)
Y("en-t09", 2, ["von-der-leyen", "costa", "eu"], ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"])  # (?)
Y("en-t10", 0, ["kazakhstan"], ["rosatom", "russia"])                        # Kazakhstan has chosen … Rosatom
Y("en-t11", 1, ["aliyev", "azerbaijan"], ["central-asia"])                   # Aliyev offered … if Central Asian partners commit  (?)
Y("en-t11", 2, ["turkmenistan"], ["middle-corridor"])                        # has not joined the coordination committee  (?)
Y("en-t12", 0, ["china", "sco"], ["russia"])                                 # declined to back Russia's recognition  (?)

# ru
Y("ru-t01", 0, ["akayev", "kyrgyzstan"], ["ca-ses-treaty-1994"])             # Акаев присоединился к Договору  (?)
Y("ru-t01", 1, ["kazakhstan"], ["uzbekistan"], mutual=True)                  # подписанному … руководителями Казахстана и Узбекистана
Y("ru-t02", 4, ["yeltsin", "russia"], ["karimov", "uzbekistan"])             # Ельцин предлагал отложить …, чтобы переубедить Каримова  (?)
Y("ru-t03", 0, ["uzbekistan"], ["usa"])                                      # Узбекистан потребовал от США
Y("ru-t03", 5, ["sco"], ["usa"])                                             # ШОС призвали страны антитеррористической коалиции  (?)
Y("ru-t04", 1, ["kyrgyzstan"], ["usa"])                                      # закрыть американскую авиабазу
Y("ru-t04", 3, ["russia"], ["kyrgyzstan"])                                   # Россия пообещала предоставить Бишкеку кредит
Y("ru-t04", 4, ["jogorku-kenesh", "kyrgyzstan"], ["usa"])                    # денонсации соглашения с США Жогорку Кенеш … рассмотрит
Y("ru-t06", 0, ["kyrgyzstan"], ["eaeu"])                                     # Киргизия стала полноправным членом ЕАЭС
Y("ru-t07", 0, ["tokayev", "kazakhstan"], ["putin", "russia"])               # Токаев провёл переговоры с Путиным
Y("ru-t07", 1, ["putin"], ["kazakhstan"])                                    # Путин назвал Казахстан союзником
Y("ru-t07", 4, ["putin", "russia"], ["kazakhstan", "astana"])                # Путин посетит Нур-Султан
Y("ru-t08", 0, ["japarov", "kyrgyzstan"], ["rahmon", "tajikistan"], mutual=True)  # Жапаров и Рахмон
Y("ru-t08", 2, ["japarov", "kyrgyzstan"], ["rahmon", "tajikistan"], mutual=True)  # договорились о прекращении огня
Y("ru-t08", 4, ["kyrgyzstan"], ["tajikistan"])                               # Бишкек обвинил Душанбе
Y("ru-t08", 5, ["tajikistan"], ["kyrgyzstan"])                               # Таджикская сторона: огонь открыли киргизские пограничники  (?)
Y("ru-t09", 0, ["russia"], ["uzbekistan"])                                   # Россия начала поставки газа в Узбекистан
Y("ru-t09", 2, ["gazprom"], ["uzbekistan"])                                  # «Газпром» будет поставлять Ташкенту
Y("ru-t09", 5, ["kazakhstan"], ["russia"])                                   # Астана отказалась от идеи …, предложенной Москвой
Y("ru-t09", 6, ["russia"], ["kazakhstan", "uzbekistan"])                     # «газового союза», предложенной Москвой (Астана отказалась)  (?)
Y("ru-t10", 1, ["kyrgyzstan"], ["tajikistan"], mutual=True)                  # договор о киргизско-таджикской границе, заключённый  (?)
Y("ru-t11", 3, ["kazakhstan"], ["russia"])                                   # Астане стоило бы добиться от Москвы
Y("ru-t12", 0, ["putin", "russia"], ["akayev", "kyrgyzstan"], mutual=True)   # Путин и Акаев открыли авиабазу
Y("ru-t12", 5, ["russia"], ["kyrgyzstan"], mutual=True)                      # Соглашение … подписано … во время визита Акаева в Москву  (?)
Y("ru-t12", 6, ["akayev", "kyrgyzstan"], ["russia", "moscow"])               # визита Акаева в Москву

# kk
Y("kk-t02", 2, ["nazarbayev", "kazakhstan"], ["jiang-zemin", "china"])       # Назарбаев Цзян Цзэминьмен жеке кездесуде
Y("kk-t02", 3, ["nazarbayev", "kazakhstan"], ["china"])                      # (Цзян Цзэминьмен кездесуде) … жеделдетуді ұсынды
Y("kk-t04", 3, ["russia"], ["usa"], mutual=True)                             # Ресей мен АҚШ … келіспеді
Y("kk-t04", 4, ["nazarbayev", "kazakhstan"], ["medvedev", "russia"])         # Назарбаев … Медведевпен … кездесулер өткізді
Y("kk-t04", 5, ["nazarbayev", "kazakhstan"], ["hillary-clinton", "usa"])     # … және Клинтонмен
Y("kk-t07", 0, ["kyrgyzstan"], ["tajikistan"], mutual=True)                  # Қырғызстан мен Тәжікстан шекарасындағы қақтығыс
Y("kk-t07", 1, ["tajikistan"], ["kyrgyzstan"])                               # тәжік әскерилері азаматтық нысандарды атқылаған  (?)
Y("kk-t07", 2, ["tajikistan"], ["kyrgyzstan"])                               # Душанбе (Қырғызстанның) айыптауын жоққа шығарды  (?)
Y("kk-t07", 3, ["tashiev", "kyrgyzstan"], ["yatimov", "tajikistan"], mutual=True)  # Ташиев пен Ятимов … келісімге қол жеткізді
Y("kk-t08", 0, ["csto", "russia", "belarus", "armenia", "tajikistan", "kyrgyzstan"], ["kazakhstan"])  # күштері Қазақстаннан шығарыла бастады
Y("kk-t10", 0, ["kazakhstan"], ["abraham-accords"])                          # Қазақстан Авраам келісімдеріне қосылады  (?)
Y("kk-t10", 3, ["tokayev", "kazakhstan"], ["trump", "usa"])                  # Тоқаев Трамппен екіжақты кездесу өткізді
Y("kk-t10", 4, ["kazakhstan"], ["usa"], mutual=True)                         # (Тоқаев Трамппен …,) тараптар … қол қойды
Y("kk-t11", 1, ["tokayev", "kazakhstan"], ["turkmenistan"])                  # Тоқаевтың Түрікменстанға … сапармен баратынын
Y("kk-t11", 2, ["kazakhstan"], ["turkmenistan"], mutual=True)                # Қазақстан – Түрікменстан шекарасындағы … келісімге қол қою  (?)
Y("kk-t11", 4, ["kazakhstan"], ["eaeu"])                                     # Қазақстанның ЕАЭО-дан шығу ниеті жоқ
Y("kk-t12", 5, ["ussr"], ["kazakh-ssr"], mutual=True)                        # Мәскеу мен Алматы арасында келіссөздер

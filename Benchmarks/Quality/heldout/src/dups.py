# Duplicate-report test set: D(group, id, lang, published, text, type, participants, date, modality, evidence).
# group None = distractor (a similar but different real-world event).

# g01 founding of the SCO, Shanghai, 15 June 2001
D("g01", "g01-en", "en", "2001-06-15",
  "Six leaders meeting in Shanghai on Friday founded the Shanghai Cooperation Organization, a regional security "
  "body that grows out of the Shanghai Five.",
  "founding", ["sco", "shanghai"], "2001-06-15", "asserted",
  "founded the Shanghai Cooperation Organization, a regional security body")
D("g01", "g01-ru", "ru", "2001-06-16",
  "Вчера в Шанхае главы России, Китая, Казахстана, Киргизии, Таджикистана и Узбекистана подписали декларацию о "
  "создании Шанхайской организации сотрудничества.",
  "founding", ["russia", "china", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "sco"], "2001-06-15", "asserted",
  "подписали декларацию о создании Шанхайской организации сотрудничества")
D("g01", "g01-kk", "kk", "2021-06-15",
  "Шанхай ынтымақтастық ұйымы 2001 жылғы 15 маусымда Шанхайда құрылды. Ұйымның негізін алты мемлекет қалады.",
  "founding", ["sco", "shanghai"], "2001-06-15", "asserted",
  "Шанхай ынтымақтастық ұйымы 2001 жылғы 15 маусымда Шанхайда құрылды")

# g02 CSTO decision to send troops to Kazakhstan, 6 January 2022
D("g02", "g02-en", "en", "2022-01-06",
  "The Russian-led CSTO said early on Thursday it would send a peacekeeping force to Kazakhstan after President "
  "Tokayev appealed for help.",
  "military", ["csto", "kazakhstan"], "2022-01-06", "asserted",
  "said early on Thursday it would send a peacekeeping force to Kazakhstan")
D("g02", "g02-ru", "ru", "2022-01-07",
  "Совет коллективной безопасности ОДКБ вчера принял решение направить в Казахстан коллективные миротворческие "
  "силы на ограниченный срок.",
  "military", ["csto-collective-security-council", "kazakhstan"], "2022-01-06", "asserted",
  "вчера принял решение направить в Казахстан коллективные миротворческие")
D("g02", "g02-kk", "kk", "2022-01-08",
  "ҰҚШҰ бітімгершілік күштерінің алғашқы бөлімшелері Қазақстанға 7 қаңтарда келді.",
  "military", ["csto", "kazakhstan"], "2022-01-07", "asserted",
  "бітімгершілік күштерінің алғашқы бөлімшелері Қазақстанға 7 қаңтарда келді")

# g03 Xi Jinping proposes the Silk Road Economic Belt, Astana, 7 September 2013
D("g03", "g03-en", "en", "2013-09-07",
  "Speaking at Nazarbayev University on Saturday, Xi Jinping proposed that China and Central Asia jointly build "
  "a Silk Road Economic Belt.",
  "proposal", ["xi-jinping", "silk-road-economic-belt"], "2013-09-07", "asserted",
  "Xi Jinping proposed that China and Central Asia jointly build a Silk Road Economic Belt")
D("g03", "g03-kk", "kk", "2013-09-08",
  "Си Цзиньпин кеше Назарбаев Университетінде сөйлеген сөзінде Жібек жолының экономикалық белдеуін бірлесіп "
  "құруды ұсынды.",
  "proposal", ["xi-jinping", "silk-road-economic-belt"], "2013-09-07", "asserted",
  "Жібек жолының экономикалық белдеуін бірлесіп құруды ұсынды")
D("g03", "g03-ru", "ru", "2018-09-10",
  "Идею Экономического пояса Шёлкового пути Си Цзиньпин впервые выдвинул в Астане в сентябре 2013 года.",
  "proposal", ["xi-jinping", "silk-road-economic-belt", "astana"], "2013-09", "asserted",
  "Си Цзиньпин впервые выдвинул в Астане в сентябре 2013 года")

# g04 signing of the Treaty on the EAEU, Astana, 29 May 2014
D("g04", "g04-ru", "ru", "2014-05-29",
  "Президенты России, Белоруссии и Казахстана сегодня в Астане подписали Договор о Евразийском экономическом союзе.",
  "agreement", ["russia", "belarus", "kazakhstan", "eaeu-treaty"], "2014-05-29", "asserted",
  "сегодня в Астане подписали Договор о Евразийском экономическом союзе")
D("g04", "g04-en", "en", "2014-05-30",
  "Putin, Lukashenko and Nazarbayev put their names to the treaty creating the Eurasian Economic Union in Astana "
  "on Thursday.",
  "agreement", ["putin", "lukashenko", "nazarbayev", "eaeu-treaty"], "2014-05-29", "asserted",
  "put their names to the treaty creating the Eurasian Economic Union in Astana")
D("g04", "g04-kk", "kk", "2014-05-28",
  "Ертең Астанада Ресей, Беларусь және Қазақстан басшылары Еуразиялық экономикалық одақ туралы шартқа қол қоймақ.",
  "agreement", ["russia", "belarus", "kazakhstan", "eaeu-treaty"], "2014-05-29", "planned",
  "Еуразиялық экономикалық одақ туралы шартқа қол қоймақ")

# g05 Kyrgyzstan–Tajikistan border treaty, Bishkek, 13 March 2025
D("g05", "g05-ru", "ru", "2025-03-12",
  "Завтра в Бишкеке Садыр Жапаров и Эмомали Рахмон подпишут договор о государственной границе.",
  "agreement", ["japarov", "rahmon", "kyrgyzstan", "tajikistan"], "2025-03-13", "planned",
  "Садыр Жапаров и Эмомали Рахмон подпишут договор о государственной границе")
D("g05", "g05-en", "en", "2025-03-13",
  "Kyrgyzstan and Tajikistan signed a border treaty in Bishkek on Thursday, ending decades of disagreement over "
  "their frontier.",
  "agreement", ["kyrgyzstan", "tajikistan"], "2025-03-13", "asserted",
  "Kyrgyzstan and Tajikistan signed a border treaty in Bishkek on Thursday")
D("g05", "g05-kk", "kk", "2025-03-14",
  "Қырғызстан мен Тәжікстан президенттері кеше Бішкекте мемлекеттік шекара туралы шартқа қол қойды.",
  "agreement", ["kyrgyzstan", "tajikistan"], "2025-03-13", "asserted",
  "президенттері кеше Бішкекте мемлекеттік шекара туралы шартқа қол қойды")

# g06 Caspian Convention, Aktau, 12 August 2018
D("g06", "g06-kk", "kk", "2018-08-12",
  "Бүгін Ақтауда Каспий маңы бес мемлекетінің басшылары Каспий теңізінің құқықтық мәртебесі туралы конвенцияға "
  "қол қойды.",
  "agreement", ["caspian-convention", "aktau"], "2018-08-12", "asserted",
  "Каспий теңізінің құқықтық мәртебесі туралы конвенцияға")
D("g06", "g06-en", "en", "2018-08-13",
  "The five Caspian littoral states signed a convention on the sea's legal status in Aktau on Sunday.",
  "agreement", ["caspian-convention", "aktau"], "2018-08-12", "asserted",
  "signed a convention on the sea's legal status in Aktau on Sunday")

# g07 Pashinyan announces that Armenia will leave the CSTO, 12 June 2024
D("g07", "g07-ru", "ru", "2024-06-12",
  "Никол Пашинян заявил сегодня в парламенте, что Армения выйдет из ОДКБ, но сроки назовёт позже.",
  "withdrawal", ["armenia", "csto"], None, "planned", "Армения выйдет из ОДКБ, но сроки назовёт позже")
D("g07", "g07-en", "en", "2024-06-13",
  "Armenia will quit the Collective Security Treaty Organization, Prime Minister Nikol Pashinyan told lawmakers "
  "on Wednesday.",
  "withdrawal", ["armenia", "csto"], None, "planned",
  "Armenia will quit the Collective Security Treaty Organization")
D("g07", "g07-kk", "kk", "2024-06-13",
  "Армения ҰҚШҰ-дан шықты деген ақпаратты Ереван жоққа шығарды: Пашинян тек болашақта шығатынын айтқан.",
  "withdrawal", ["armenia", "csto"], None, "negated",
  "Армения ҰҚШҰ-дан шықты деген ақпаратты Ереван жоққа шығарды")

# g08 first Consultative Meeting of Central Asian heads of state, Astana, 15 March 2018
D("g08", "g08-ru", "ru", "2018-03-15",
  "Сегодня в Астане проходит первая Консультативная встреча глав государств Центральной Азии.",
  "meeting", ["central-asia-consultative-meeting", "astana"], "2018-03-15", "asserted",
  "Сегодня в Астане проходит первая Консультативная встреча")
D("g08", "g08-kk", "kk", "2018-03-16",
  "Орталық Азия мемлекеттері басшыларының алғашқы Консультативтік кездесуі кеше Астанада өтті.",
  "meeting", ["central-asia-consultative-meeting", "astana"], "2018-03-15", "asserted",
  "Консультативтік кездесуі кеше Астанада өтті")
D("g08", "g08-en", "en", "2018-03-10",
  "Central Asian presidents will hold their first consultative meeting without outside powers in Astana on "
  "March 15.",
  "meeting", ["central-asia-consultative-meeting", "astana"], "2018-03-15", "planned",
  "will hold their first consultative meeting without outside powers in Astana")

# g09 first C5+1 summit of heads of state, New York, 19 September 2023
D("g09", "g09-en", "en", "2023-09-19",
  "President Biden met the leaders of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan in New York "
  "today for the first C5+1 presidential summit.",
  "meeting", ["biden", "c5-plus-1"], "2023-09-19", "asserted",
  "today for the first C5+1 presidential summit")
D("g09", "g09-ru", "ru", "2023-09-20",
  "Первый саммит в формате С5+1 на уровне президентов прошёл вчера в Нью-Йорке на полях Генассамблеи ООН.",
  "meeting", ["c5-plus-1", "new-york"], "2023-09-19", "asserted",
  "Первый саммит в формате С5+1 на уровне президентов прошёл вчера")
D("g09", "g09-kk", "kk", "2023-09-21",
  "Нью-Йоркте 20 қыркүйекте Джо Байден мен Орталық Азия елдерінің басшылары C5+1 саммитінде бас қосты.",
  "meeting", ["biden", "c5-plus-1"], "2023-09-20", "asserted",
  "Джо Байден мен Орталық Азия елдерінің басшылары C5+1 саммитінде бас қосты")

# g10 Kazakhstan admitted to the WTO, Geneva, 27 July 2015
D("g10", "g10-en", "en", "2015-07-27",
  "WTO members formally approved Kazakhstan's accession in Geneva on Monday, making it the organization's 162nd "
  "member.",
  "membership", ["kazakhstan", "wto"], "2015-07-27", "asserted",
  "WTO members formally approved Kazakhstan's accession in Geneva on Monday")
D("g10", "g10-kk", "kk", "2015-07-28",
  "Қазақстан кеше Дүниежүзілік сауда ұйымына мүше болып қабылданды.",
  "membership", ["kazakhstan", "wto"], "2015-07-27", "asserted",
  "Қазақстан кеше Дүниежүзілік сауда ұйымына мүше болып қабылданды")
D("g10", "g10-ru", "ru", "2015-07-28",
  "Казахстан станет полноправным членом ВТО 30 ноября, после ратификации протокола о присоединении.",
  "membership", ["kazakhstan", "wto"], "2015-11-30", "planned",
  "Казахстан станет полноправным членом ВТО 30 ноября")

# g11 CIS free trade area treaty, St Petersburg, 18 October 2011
D("g11", "g11-ru", "ru", "2011-10-18",
  "Премьеры восьми государств СНГ сегодня в Санкт-Петербурге подписали договор о зоне свободной торговли.",
  "agreement", ["cis", "cis-fta-2011", "saint-petersburg"], "2011-10-18", "asserted",
  "сегодня в Санкт-Петербурге подписали договор о зоне свободной торговли")
D("g11", "g11-en", "en", "2011-10-19",
  "Eight CIS countries signed a free trade treaty in St Petersburg on Tuesday; Uzbekistan, Azerbaijan and "
  "Turkmenistan stayed out.",
  "agreement", ["cis", "cis-fta-2011", "saint-petersburg"], "2011-10-18", "asserted",
  "Eight CIS countries signed a free trade treaty in St Petersburg on Tuesday")

# g12 Uzbekistan joins EurAsEC, St Petersburg, 25 January 2006
D("g12", "g12-ru", "ru", "2006-01-26",
  "Узбекистан вчера присоединился к Евразийскому экономическому сообществу.",
  "membership", ["uzbekistan", "eurasec"], "2006-01-25", "asserted",
  "Узбекистан вчера присоединился к Евразийскому экономическому сообществу")
D("g12", "g12-en", "en", "2006-01-25",
  "Uzbekistan became a full member of the Eurasian Economic Community at a summit in St Petersburg today.",
  "membership", ["uzbekistan", "eurasec"], "2006-01-25", "asserted",
  "Uzbekistan became a full member of the Eurasian Economic Community")
D("g12", "g12-kk", "kk", "2006-01-27",
  "Өзбекстан 25 қаңтарда Еуразиялық экономикалық қоғамдастыққа толық мүше болды.",
  "membership", ["uzbekistan", "eurasec"], "2006-01-25", "asserted",
  "Өзбекстан 25 қаңтарда Еуразиялық экономикалық қоғамдастыққа толық мүше болды")

# distractors: same actors, another event (year or type)
D(None, "x01-en", "en", "2005-07-06",
  "Leaders of the Shanghai Cooperation Organization met in Astana on Tuesday and called for a timetable for US "
  "troops to leave Central Asia.",
  "meeting", ["sco", "astana"], "2005-07-05", "asserted",
  "Leaders of the Shanghai Cooperation Organization met in Astana on Tuesday")
D(None, "x02-ru", "ru", "2022-01-14",
  "Миротворцы ОДКБ вчера начали вывод из Казахстана, миссия завершится к 19 января.",
  "military", ["csto", "kazakhstan"], "2022-01-13", "asserted",
  "Миротворцы ОДКБ вчера начали вывод из Казахстана")
D(None, "x03-kk", "kk", "2014-10-11",
  "Армения кеше Минскіде Еуразиялық экономикалық одаққа кіру туралы шартқа қол қойды.",
  "agreement", ["armenia", "eaeu"], "2014-10-10", "asserted",
  "Армения кеше Минскіде Еуразиялық экономикалық одаққа кіру туралы шартқа")
D(None, "x04-en", "en", "2015-11-02",
  "Foreign ministers of the five Central Asian states and John Kerry launched the C5+1 format in Samarkand on "
  "Sunday.",
  "founding", ["c5-plus-1", "kerry", "samarkand"], "2015-11-01", "asserted",
  "John Kerry launched the C5+1 format in Samarkand on Sunday")
D(None, "x05-ru", "ru", "2008-11-13",
  "Узбекистан приостановил членство в ЕврАзЭС, сообщили вчера в Минске в секретариате сообщества.",
  "withdrawal", ["uzbekistan", "eurasec"], "2008-11", "asserted",
  "Узбекистан приостановил членство в ЕврАзЭС")
D(None, "x06-en", "en", "2022-06-30",
  "The presidents of the five Caspian states met in Ashgabat on Wednesday for their sixth summit, four years after "
  "signing the Aktau convention.",
  "meeting", ["azerbaijan", "iran", "kazakhstan", "russia", "turkmenistan", "ashgabat"], "2022-06-29", "asserted",
  "met in Ashgabat on Wednesday for their sixth summit")

#!/usr/bin/env python3
"""Generates news-like Kazakh, Russian and English documents for the pipeline benchmark.

Every sentence frame below was written for this benchmark (none comes from a corpus); slots take countries,
organisations, cities and people in the grammatical case the frame needs, plus dates and figures, so the analyser
meets inflected names, acronyms, dated events and keywords as in real news. Output is deterministic per seed.

    generate.py --docs N --kind news|long --seed S --run-id R --out docs.ndjson [--txt-dir DIR]

news: ~3 KB of UTF-8 text per document, languages in turn kk, ru, en. long: ~200 KB per document.
--txt-dir also writes the texts as .txt files (for `dala bench --corpus DIR`, the analysis-only figures).
"""
import argparse
import json
import os
import random

# Countries: (en, ru nominative, ru genitive, ru instrumental, ru prepositional, kk nominative, kk genitive,
#             kk dative, kk locative, kk ablative)
COUNTRIES = [
    ("Kazakhstan", "Казахстан", "Казахстана", "Казахстаном", "Казахстане",
     "Қазақстан", "Қазақстанның", "Қазақстанға", "Қазақстанда", "Қазақстаннан"),
    ("Uzbekistan", "Узбекистан", "Узбекистана", "Узбекистаном", "Узбекистане",
     "Өзбекстан", "Өзбекстанның", "Өзбекстанға", "Өзбекстанда", "Өзбекстаннан"),
    ("Kyrgyzstan", "Киргизия", "Киргизии", "Киргизией", "Киргизии",
     "Қырғызстан", "Қырғызстанның", "Қырғызстанға", "Қырғызстанда", "Қырғызстаннан"),
    ("Tajikistan", "Таджикистан", "Таджикистана", "Таджикистаном", "Таджикистане",
     "Тәжікстан", "Тәжікстанның", "Тәжікстанға", "Тәжікстанда", "Тәжікстаннан"),
    ("Turkmenistan", "Туркмения", "Туркмении", "Туркменией", "Туркмении",
     "Түрікменстан", "Түрікменстанның", "Түрікменстанға", "Түрікменстанда", "Түрікменстаннан"),
    ("Russia", "Россия", "России", "Россией", "России",
     "Ресей", "Ресейдің", "Ресейге", "Ресейде", "Ресейден"),
    ("China", "Китай", "Китая", "Китаем", "Китае",
     "Қытай", "Қытайдың", "Қытайға", "Қытайда", "Қытайдан"),
    ("Turkey", "Турция", "Турции", "Турцией", "Турции",
     "Түркия", "Түркияның", "Түркияға", "Түркияда", "Түркиядан"),
]
# Organisations: (en, ru nominative, ru genitive, kk nominative, kk genitive)
ORGS = [
    ("the Shanghai Cooperation Organisation", "Шанхайская организация сотрудничества", "Шанхайской организации сотрудничества",
     "Шанхай ынтымақтастық ұйымы", "Шанхай ынтымақтастық ұйымының"),
    ("the SCO", "ШОС", "ШОС", "ШЫҰ", "ШЫҰ-ның"),
    ("the Eurasian Economic Union", "Евразийский экономический союз", "Евразийского экономического союза",
     "Еуразиялық экономикалық одақ", "Еуразиялық экономикалық одақтың"),
    ("the EAEU", "ЕАЭС", "ЕАЭС", "ЕАЭО", "ЕАЭО-ның"),
    ("the Collective Security Treaty Organization", "ОДКБ", "ОДКБ", "ҰҚШҰ", "ҰҚШҰ-ның"),
    ("the Asian Development Bank", "Азиатский банк развития", "Азиатского банка развития",
     "Азия даму банкі", "Азия даму банкінің"),
    ("the United Nations", "ООН", "ООН", "БҰҰ", "БҰҰ-ның"),
]
# Cities: (en, ru nominative, ru prepositional, kk nominative, kk locative)
CITIES = [
    ("Astana", "Астана", "Астане", "Астана", "Астанада"), ("Almaty", "Алматы", "Алматы", "Алматы", "Алматыда"),
    ("Tashkent", "Ташкент", "Ташкенте", "Ташкент", "Ташкентте"), ("Bishkek", "Бишкек", "Бишкеке", "Бішкек", "Бішкекте"),
    ("Dushanbe", "Душанбе", "Душанбе", "Душанбе", "Душанбеде"), ("Samarkand", "Самарканд", "Самарканде", "Самарқанд", "Самарқандта"),
    ("Moscow", "Москва", "Москве", "Мәскеу", "Мәскеуде"), ("Beijing", "Пекин", "Пекине", "Бейжің", "Бейжіңде"),
]
PEOPLE = [("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев"),
          ("Shavkat Mirziyoyev", "Шавкат Мирзиёев", "Шавкат Мирзиёев"),
          ("Sadyr Japarov", "Садыр Жапаров", "Садыр Жапаров"),
          ("Emomali Rahmon", "Эмомали Рахмон", "Эмомали Рахмон")]
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"],
    "kk": ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда", "қыркүйекте",
           "қазанда", "қарашада", "желтоқсанда"],
}

# Frames. {A}/{B}: countries, {O}: organisation, {C}: city, {P}: person, {Y}: year, {D}: a full date, {N}: a number.
# Suffix letters pick the case: ru g=genitive i=instrumental p=prepositional; kk g=genitive d=dative l=locative a=ablative.
FRAMES = {
    "en": [
        "On {D} the governments of {A} and {B} signed an agreement on transit corridors in {C}.",
        "{P} met the delegation of {O} in {C} to discuss water sharing on transboundary rivers.",
        "In {Y} {A} and {B} agreed to raise mutual trade to {N} billion dollars by the end of the decade.",
        "{O} approved a loan of {N} million dollars to {A} for the reconstruction of roads and rail links.",
        "Experts in {C} said that the border talks between {A} and {B} would resume in {Y}.",
        "The summit of {O} held in {C} on {D} adopted a declaration on regional security.",
        "{A} joined the programme of {O} on energy connectivity, officials said on {D}.",
        "According to the ministry, freight traffic between {A} and {B} grew by {N} percent in {Y}.",
        "{P} announced that {A} would host a forum of {O} in {C} next spring.",
        "Analysts note that the dispute over irrigation between {A} and {B} has eased since {Y}.",
        "The parliament of {A} ratified the treaty with {B} on {D}, opening the way for a new customs post.",
        "Farmers in the valley expect the new canal to bring water to {N} thousand hectares.",
    ],
    "ru": [
        "{D} правительства {Ag} и {Bg} подписали соглашение о транзитных коридорах в {Cp}.",
        "{P} встретился с делегацией {Og} в {Cp}, чтобы обсудить распределение воды трансграничных рек.",
        "В {Y} году {A} и {B} договорились довести взаимную торговлю до {N} млрд долларов.",
        "{O} одобрил кредит в {N} млн долларов для {Ag} на реконструкцию дорог и железных дорог.",
        "Эксперты в {Cp} заявили, что переговоры о границе между {Ai} и {Bi} возобновятся в {Y} году.",
        "Саммит {Og} в {Cp} {D} принял декларацию о региональной безопасности.",
        "{A} присоединился к программе {Og} по энергетическим связям, сообщили {D}.",
        "По данным министерства, грузопоток между {Ai} и {Bi} вырос на {N} процентов в {Y} году.",
        "{P} объявил, что в {Ap} пройдёт форум {Og} следующей весной.",
        "Аналитики отмечают, что спор об орошении между {Ai} и {Bi} ослаб после {Y} года.",
        "Парламент {Ag} ратифицировал договор с {Bi} {D}, открыв путь для нового таможенного поста.",
        "Фермеры долины ожидают, что новый канал даст воду {N} тысячам гектаров.",
    ],
    "kk": [
        "{D} {Ag} және {Bg} үкіметтері {Cl} транзиттік дәліздер туралы келісімге қол қойды.",
        "{P} {Cl} {Og} делегациясымен кездесіп, трансшекаралық өзендердің суын бөлуді талқылады.",
        "{Y} жылы {A} мен {B} өзара сауданы {N} миллиард долларға жеткізуге келісті.",
        "{O} {Ad} жолдар мен темір жолдарды қайта құруға {N} миллион доллар несие берді.",
        "{Cl} сарапшылар {A} мен {B} арасындағы шекара келіссөздері {Y} жылы жалғасатынын айтты.",
        "{D} {Cl} өткен {Og} саммиті аймақтық қауіпсіздік туралы декларация қабылдады.",
        "{A} {Og} энергетикалық байланыс бағдарламасына қосылды, деп хабарлады ресми өкілдер.",
        "Министрліктің дерегінше, {A} мен {B} арасындағы жүк тасымалы {Y} жылы {N} пайызға өсті.",
        "{P} келесі көктемде {Al} {Og} форумы өтетінін мәлімдеді.",
        "Сарапшылардың айтуынша, {A} мен {B} арасындағы суару дауы {Y} жылдан бері бәсеңдеді.",
        "{Ag} парламенті {D} {Bd} қатысты шартты бекітіп, жаңа кеден бекетіне жол ашты.",
        "Алқаптағы фермерлер жаңа канал {N} мың гектарға су жеткізеді деп күтеді.",
    ],
}
TITLES = {"en": "{A} and {B}: talks in {C}", "ru": "{A} и {B}: переговоры в {Cp}", "kk": "{A} мен {B}: {Cl} келіссөздер"}


def fill(frame, lang, rng):
    a, b = rng.sample(COUNTRIES, 2)
    o, c, p = rng.choice(ORGS), rng.choice(CITIES), rng.choice(PEOPLE)
    y = rng.randint(1995, 2025)
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    if lang == "en":
        date = f"{MONTHS['en'][m - 1]} {d}, {y}"
        slots = {"A": a[0], "B": b[0], "O": o[0], "C": c[0], "P": p[0]}
    elif lang == "ru":
        date = f"{d} {MONTHS['ru'][m - 1]} {y} года"
        slots = {"A": a[1], "Ag": a[2], "Ai": a[3], "Ap": a[4], "B": b[1], "Bg": b[2], "Bi": b[3], "Bp": b[4],
                 "O": o[1], "Og": o[2], "C": c[1], "Cp": c[2], "P": p[1]}
    else:
        date = f"{y} жылғы {d} {MONTHS['kk'][m - 1]}"
        slots = {"A": a[5], "Ag": a[6], "Ad": a[7], "Al": a[8], "Aa": a[9], "B": b[5], "Bg": b[6], "Bd": b[7],
                 "Bl": b[8], "O": o[3], "Og": o[4], "C": c[3], "Cl": c[4], "P": p[2]}
    slots.update(Y=str(y), D=date, N=str(rng.randint(2, 950)))
    out = frame.format(**slots)
    return out[0].upper() + out[1:]


def document(lang, target_bytes, rng, tag):
    title = fill(TITLES[lang], lang, rng)
    paragraphs, size = [], len(title.encode()) + 2
    while size < target_bytes:
        para = " ".join(fill(rng.choice(FRAMES[lang]), lang, rng) for _ in range(rng.randint(3, 5)))
        paragraphs.append(para)
        size += len(para.encode()) + 2
    # The tag makes every text unique (ingestion deduplicates by SHA-256), also across runs into one database.
    return title, title + "\n\n" + "\n\n".join(paragraphs) + f"\n\n[{tag}]\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--kind", choices=["news", "long"], default="news")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--run-id", default="r")
    ap.add_argument("--out", required=True)
    ap.add_argument("--txt-dir")
    ap.add_argument("--kb", type=int, help="text size per document in KB (overrides --kind's)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target = args.kb * 1000 if args.kb else 3000 if args.kind == "news" else 200_000
    langs = ["kk", "ru", "en"]
    if args.txt_dir:
        os.makedirs(args.txt_dir, exist_ok=True)
    total = 0
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.docs):
            lang = langs[i % 3]
            title, text = document(lang, target, rng, f"{args.run_id}-{i}")
            published = f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            line = json.dumps({"text": text, "title": title, "language": lang, "published": published,
                               "source": "bench-pipeline"}, ensure_ascii=False)
            f.write(line + "\n")
            total += len(text.encode())
            if args.txt_dir:
                with open(os.path.join(args.txt_dir, f"{i:06d}-{lang}.txt"), "w", encoding="utf-8") as t:
                    t.write(text)
    print(f"{args.docs} documents, {total} bytes of text ({total / max(args.docs, 1):.0f} per document)")


if __name__ == "__main__":
    main()

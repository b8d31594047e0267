/// Short passages written for these tests (not taken from any corpus), one page each, per language.
enum Samples {
    static let kk = [
        """
        Қазақстан мен Өзбекстан 2019 жылы Ташкентте трансшекаралық өзендер туралы келісімге қол қойды.
        Екі ел су ресурстарын бірлесіп басқаруға уағдаласты.
        """,
        """
        Шанхай ынтымақтастық ұйымының саммиті 2024 жылы Астанада өтті.
        Қырғызстан делегациясы көлік дәліздері жөнінде баяндама жасады.
        """,
    ]
    static let ru = [
        """
        Казахстан и Кыргызстан в 2021 году подписали соглашение о транзите грузов через границу.
        Стороны договорились упростить таможенные процедуры.
        """,
        """
        Саммит ШОС прошёл в Бишкеке в 2019 году.
        Узбекистан предложил создать совместный фонд для развития торговли.
        """,
    ]
    static let en = [
        """
        Kazakhstan and Uzbekistan signed an agreement on transboundary rivers in Tashkent in 2019.
        The two countries agreed to manage their water resources jointly.
        """,
        """
        The SCO summit took place in Astana in 2024.
        Kyrgyzstan presented a report on transport corridors to the delegations.
        """,
    ]
    static let all: [(language: String, pages: [String])] = [("kk", kk), ("ru", ru), ("en", en)]
}

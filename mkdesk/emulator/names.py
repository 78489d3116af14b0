"""Emulator layer: static Slovenian word lists for the demo-company generator (towns, firms, products, mail)."""

from __future__ import annotations

#: (town, post code, phone area code, weight) — real Slovenian towns and their real post codes
TOWNS: tuple[tuple[str, str, str, int], ...] = (
    ("Ljubljana", "1000", "01", 60),
    ("Maribor", "2000", "02", 22),
    ("Celje", "3000", "03", 10),
    ("Kranj", "4000", "04", 9),
    ("Koper", "6000", "05", 8),
    ("Velenje", "3320", "03", 6),
    ("Novo mesto", "8000", "07", 7),
    ("Ptuj", "2250", "02", 5),
    ("Trbovlje", "1420", "03", 3),
    ("Kamnik", "1241", "01", 4),
    ("Jesenice", "4270", "04", 3),
    ("Nova Gorica", "5000", "05", 6),
    ("Domžale", "1230", "01", 5),
    ("Škofja Loka", "4220", "04", 3),
    ("Murska Sobota", "9000", "02", 5),
    ("Izola", "6310", "05", 2),
    ("Postojna", "6230", "05", 2),
    ("Logatec", "1370", "01", 2),
    ("Vrhnika", "1360", "01", 2),
    ("Kočevje", "1330", "01", 2),
    ("Grosuplje", "1290", "01", 3),
    ("Litija", "1270", "01", 1),
    ("Zagorje ob Savi", "1410", "03", 1),
    ("Slovenska Bistrica", "2310", "02", 2),
    ("Slovenj Gradec", "2380", "02", 2),
    ("Ravne na Koroškem", "2390", "02", 1),
    ("Žalec", "3310", "03", 2),
    ("Šentjur", "3230", "03", 1),
    ("Rogaška Slatina", "3250", "03", 1),
    ("Brežice", "8250", "07", 2),
    ("Krško", "8270", "07", 2),
    ("Sevnica", "8290", "07", 1),
    ("Črnomelj", "8340", "07", 1),
    ("Metlika", "8330", "07", 1),
    ("Trebnje", "8210", "07", 1),
    ("Ajdovščina", "5270", "05", 2),
    ("Sežana", "6210", "05", 1),
    ("Piran", "6330", "05", 1),
    ("Bled", "4260", "04", 1),
    ("Radovljica", "4240", "04", 2),
    ("Tržič", "4290", "04", 1),
    ("Idrija", "5280", "05", 1),
    ("Ljutomer", "9240", "02", 1),
    ("Lendava", "9220", "02", 1),
    ("Gornja Radgona", "9250", "02", 1),
    ("Ormož", "2270", "02", 1),
    ("Medvode", "1215", "01", 2),
    ("Ivančna Gorica", "1295", "01", 1),
)

#: country iso2 → (localized Slovenian name, English name)
COUNTRIES: dict[str, tuple[str, str]] = {
    "SI": ("Slovenija", "Slovenia"),
    "HR": ("Hrvaška", "Croatia"),
    "AT": ("Avstrija", "Austria"),
    "IT": ("Italija", "Italy"),
    "DE": ("Nemčija", "Germany"),
}

#: foreign partners: iso2 → towns (name, post code), streets, surnames, legal forms, mail TLD
FOREIGN: dict[str, dict[str, tuple[str, ...] | tuple[tuple[str, str], ...] | str]] = {
    "HR": {
        "towns": (("Zagreb", "10000"), ("Split", "21000"), ("Rijeka", "51000"), ("Osijek", "31000"),
                  ("Varaždin", "42000"), ("Pula", "52100"), ("Čakovec", "40000")),
        "streets": ("Ilica", "Vukovarska ulica", "Savska cesta", "Ulica kralja Zvonimira", "Riva", "Frankopanska ulica"),
        "surnames": ("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Knežević", "Vuković", "Perić", "Tomić"),
        "forms": ("d.o.o.", "d.d.", "j.d.o.o."),
        "tld": "hr",
    },
    "AT": {
        "towns": (("Wien", "1010"), ("Graz", "8010"), ("Klagenfurt", "9020"), ("Villach", "9500"), ("Linz", "4020"),
                  ("Salzburg", "5020")),
        "streets": ("Hauptstraße", "Bahnhofstraße", "Mariahilfer Straße", "Kärntner Straße", "Industriestraße"),
        "surnames": ("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Berger"),
        "forms": ("GmbH", "KG", "GmbH & Co KG"),
        "tld": "at",
    },
    "IT": {
        "towns": (("Trieste", "34121"), ("Udine", "33100"), ("Gorizia", "34170"), ("Milano", "20121"),
                  ("Venezia", "30121"), ("Padova", "35121")),
        "streets": ("Via Roma", "Via Giuseppe Verdi", "Corso Italia", "Via Garibaldi", "Viale Europa"),
        "surnames": ("Rossi", "Bianchi", "Ferrari", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno"),
        "forms": ("S.r.l.", "S.p.A.", "S.n.c."),
        "tld": "it",
    },
    "DE": {
        "towns": (("München", "80331"), ("Stuttgart", "70173"), ("Berlin", "10115"), ("Nürnberg", "90402"),
                  ("Augsburg", "86150"), ("Regensburg", "93047")),
        "streets": ("Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Lindenstraße"),
        "surnames": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann"),
        "forms": ("GmbH", "AG", "GmbH & Co. KG"),
        "tld": "de",
    },
}

#: common Slovenian surnames (merged with Faker's pool; many carry č/š/ž on purpose)
EXTRA_SURNAMES = (
    "Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar", "Vidmar", "Golob",
    "Turk", "Božič", "Kralj", "Korošec", "Kotnik", "Oblak", "Kastelic", "Košir", "Žnidaršič", "Hočevar",
    "Medved", "Zajc", "Tomažič", "Šuštar", "Černe", "Vovk", "Babič", "Štrukelj", "Marolt", "Petrič", "Uršič",
    "Kokalj", "Jurjevčič", "Šinkovec", "Čeh", "Žagar", "Ribič", "Šketa", "Mežnar", "Škerjanc", "Grošelj",
    "Čebulj", "Štefančič", "Žužek", "Pečar", "Šraj", "Ačimovič", "Lužar", "Bračič", "Čretnik",
)

#: activity words for sole proprietors and small firms ("Elektro Hribar s.p.")
TRADES = (
    "Elektro", "Inštalacije", "Avtoservis", "Mizarstvo", "Gradbeništvo", "Trgovina", "Servis", "Klima",
    "Vodovod", "Ključavničarstvo", "Pleskarstvo", "Računovodstvo", "Gostinstvo", "Frizerstvo", "Elektroinštalacije",
    "Strojne inštalacije", "Kleparstvo", "Tesarstvo", "Vrtnarstvo", "Prevozi",
)

#: syllables for invented firm names ("Tehnoplus d.o.o.", "Elkom d.o.o.")
FIRM_HEADS = (
    "Tehno", "Elektro", "Agro", "Euro", "Inter", "Komu", "Gradi", "Stroj", "Term", "Vod", "Pro", "Mega",
    "Ener", "Sol", "Alp", "Drav", "Sav", "Kras", "Pohor", "Triglav", "Logi", "Info", "Medi", "Avto", "Les",
)
FIRM_TAILS = ("plus", "mont", "kom", "servis", "trade", "tim", "tek", "sistemi", "line", "projekt", "star", "ma", "dom")
#: institutions and larger companies ("Hotel Bled d.d.", "Zdravstveni dom Celje")
INSTITUTION_WORDS = ("Hotel", "Komunala", "Gradis", "Mercator center", "Zdravstveni dom", "Dom starejših",
                     "Osnovna šola", "Vrtec", "Gostišče", "Kmetijska zadruga", "Avtohiša", "Pekarna")

#: free-mail providers (never a company's own domain)
FREE_MAIL_DOMAINS = ("gmail.com", "siol.net", "t-2.net", "amis.net", "telemach.net", "yahoo.com", "hotmail.com",
                     "outlook.com", "gmx.net")
#: mobile prefixes used in Slovenia
GSM_PREFIXES = ("030", "031", "040", "041", "051", "064", "068", "069", "070", "071")
#: generic company mailbox names
ROLE_MAILBOXES = ("info", "prodaja", "nabava", "racunovodstvo", "narocila", "tajnistvo")

#: brand groups for catalogue templates
BRANDS: dict[str, tuple[str, ...]] = {
    "white": ("Gorenje", "Bosch", "Beko", "Whirlpool", "Electrolux", "Samsung", "LG", "Candy", "Miele", "Siemens"),
    "small": ("Gorenje", "Philips", "Tefal", "Rowenta", "Bosch", "Braun", "Krups", "Kenwood", "Sencor", "Severin"),
    "coffee": ("De'Longhi", "Philips", "Krups", "Saeco", "Nivona", "Melitta", "Jura"),
    "tools": ("Makita", "Bosch", "Metabo", "DeWalt", "Einhell", "Milwaukee", "Ryobi", "Black+Decker", "Hitachi"),
    "hand": ("Stanley", "Knipex", "Wera", "Wiha", "Gedore", "Unior", "Bahco"),
    "clean": ("Kärcher", "Nilfisk", "Vileda", "Leifheit"),
    "elec": ("Schneider", "Legrand", "ABB", "Hager", "Eti", "Iskra", "Siemens"),
    "light": ("Osram", "Philips", "Ledvance", "Paulmann", "Eglo"),
    "it": ("Hama", "Logitech", "Belkin", "Ugreen", "Trust", "Genius", "Tp-Link", "Kingston", "SanDisk"),
    "screen": ("Dell", "LG", "Samsung", "Philips", "AOC", "Lenovo", "HP"),
    "office": ("Leitz", "Esselte", "Pelikan", "Stabilo", "Tipa", "Fellowes", "Herlitz", "Rapid"),
    "ink": ("HP", "Brother", "Canon", "Epson", "Kyocera", "Lexmark"),
    "coffeebean": ("Barcaffè", "Lavazza", "Illy", "Segafredo", "Julius Meinl", "Kimbo"),
    "food": ("1001 cvet", "Teekanne", "Radenska", "Costella", "Droga Kolinska", "Žito", "Ljubljanske mlekarne"),
    "hygiene": ("Persil", "Ariel", "Finish", "Palmolive", "Paloma", "Tosama", "Henkel"),
}

#: catalogue templates: (category, name pattern, brand group or "", code prefix, unit, net price range,
#: weight range in kg, tax, weight of the template). Patterns use {brand}, {model}, {v} (a variant).
#: Variants come from VARIANTS[code prefix] when the pattern contains {v}.
PRODUCT_TEMPLATES: tuple[tuple[str, str, str, str, str, tuple[float, float], tuple[float, float], str, int], ...] = (
    ("Bela tehnika", "Pralni stroj {brand} {model}", "white", "PS", "kos", (329, 899), (58, 82), "EX4", 6),
    ("Bela tehnika", "Sušilni stroj {brand} {model}", "white", "SS", "kos", (389, 999), (38, 55), "EX4", 4),
    ("Bela tehnika", "Pomivalni stroj {brand} {model}", "white", "PM", "kos", (299, 849), (34, 48), "EX4", 5),
    ("Bela tehnika", "Hladilnik z zamrzovalnikom {brand} {model}", "white", "HL", "kos", (349, 1290), (55, 90), "EX4", 5),
    ("Bela tehnika", "Zamrzovalna skrinja {brand} {model}", "white", "ZS", "kos", (219, 549), (35, 60), "EX4", 2),
    ("Bela tehnika", "Vgradna pečica {brand} {model}", "white", "PE", "kos", (249, 990), (28, 40), "EX4", 4),
    ("Bela tehnika", "Indukcijska kuhalna plošča {brand} {model}", "white", "KP", "kos", (249, 790), (9, 14), "EX4", 3),
    ("Bela tehnika", "Kuhinjska napa {brand} {model}", "white", "NA", "kos", (99, 549), (8, 18), "EX4", 3),
    ("Mali gospodinjski aparati", "Mikrovalovna pečica {brand} {model}", "small", "MV", "kos", (69, 249), (10, 16), "EX4", 3),
    ("Mali gospodinjski aparati", "Kavni avtomat {brand} {model}", "coffee", "KA", "kos", (249, 1190), (7, 11), "EX4", 5),
    ("Mali gospodinjski aparati", "Sesalnik {brand} {model}", "small", "SE", "kos", (79, 329), (4, 8), "EX4", 4),
    ("Mali gospodinjski aparati", "Robotski sesalnik {brand} {model}", "small", "RS", "kos", (179, 649), (3, 5), "EX4", 2),
    ("Mali gospodinjski aparati", "Likalnik na paro {brand} {model}", "small", "LI", "kos", (24, 119), (1.1, 2.2), "EX4", 3),
    ("Mali gospodinjski aparati", "Grelnik vode {brand} {model} 1,7 l", "small", "GV", "kos", (19, 69), (0.9, 1.6), "EX4", 3),
    ("Mali gospodinjski aparati", "Cvrtnik na vroč zrak {brand} {model}", "small", "CV", "kos", (59, 219), (4, 7), "EX4", 3),
    ("Mali gospodinjski aparati", "Kuhinjski robot {brand} {model}", "small", "KR", "kos", (99, 599), (5, 9), "EX4", 2),
    ("Mali gospodinjski aparati", "Opekač kruha {brand} {model}", "small", "OK", "kos", (19, 79), (1, 2), "EX4", 2),
    ("Mali gospodinjski aparati", "Sušilnik za lase {brand} {model}", "small", "SL", "kos", (19, 99), (0.4, 0.9), "EX4", 2),
    ("Orodje", "Akumulatorski vrtalnik {brand} {model} 18 V", "tools", "AV", "kos", (79, 389), (1.2, 2.4), "EX4", 6),
    ("Orodje", "Akumulatorski vijačnik {brand} {model} 12 V", "tools", "VI", "kos", (59, 229), (0.8, 1.5), "EX4", 4),
    ("Orodje", "Udarni vrtalnik {brand} {model} 750 W", "tools", "UV", "kos", (49, 199), (1.8, 2.8), "EX4", 3),
    ("Orodje", "Kotni brusilnik {brand} {model} 125 mm", "tools", "KB", "kos", (39, 219), (1.7, 2.6), "EX4", 4),
    ("Orodje", "Krožna žaga {brand} {model} 1400 W", "tools", "KZ", "kos", (89, 349), (3.5, 5.5), "EX4", 2),
    ("Orodje", "Vbodna žaga {brand} {model}", "tools", "VZ", "kos", (59, 259), (2, 3), "EX4", 2),
    ("Orodje", "Vrtalno kladivo SDS-plus {brand} {model}", "tools", "VK", "kos", (119, 489), (2.6, 4.2), "EX4", 3),
    ("Orodje", "Ekscentrični brusilnik {brand} {model} 125 mm", "tools", "EB", "kos", (59, 249), (1.3, 2.2), "EX4", 2),
    ("Orodje", "Visokotlačni čistilnik {brand} {model}", "clean", "VC", "kos", (119, 549), (9, 18), "EX4", 2),
    ("Orodje", "Komplet svedrov {brand} {v}", "hand", "SV", "kpl", (9, 69), (0.3, 1.2), "EX4", 3),
    ("Orodje", "Komplet bitov {brand} {v}", "hand", "BI", "kpl", (8, 49), (0.2, 0.6), "EX4", 3),
    ("Orodje", "Kombinirane klešče {brand} {v}", "hand", "KL", "kos", (11, 45), (0.25, 0.45), "EX4", 3),
    ("Orodje", "Merilni trak {brand} {v}", "hand", "MT", "kos", (5, 29), (0.15, 0.5), "EX4", 3),
    ("Orodje", "Vodna tehtnica {brand} {v}", "hand", "VT", "kos", (9, 59), (0.3, 1.1), "EX4", 2),
    ("Orodje", "Kovček za orodje {brand} {model}", "hand", "KO", "kos", (29, 189), (2, 6), "EX4", 2),
    ("Pritrdilni material", "Vijak za les {v}", "", "VL", "kpl", (3, 19), (0.2, 1.1), "EX4", 3),
    ("Pritrdilni material", "Žebelj {v}", "", "ZB", "kg", (2.2, 4.9), (1, 1), "EX4", 2),
    ("Pritrdilni material", "Vrv poliamidna {v}", "", "VR", "m", (0.35, 2.9), (0.02, 0.09), "EX4", 2),
    ("Elektro material", "Kabel {v}", "", "CB", "m", (0.39, 3.9), (0.05, 0.25), "EX4", 5),
    ("Elektro material", "Vtičnica podometna {brand} {v}", "elec", "VP", "kos", (3.2, 14.9), (0.05, 0.12), "EX4", 3),
    ("Elektro material", "Stikalo podometno {brand} {v}", "elec", "ST", "kos", (2.9, 13.9), (0.05, 0.12), "EX4", 3),
    ("Elektro material", "Podaljšek {v}", "", "PO", "kos", (4.9, 29.9), (0.3, 0.9), "EX4", 3),
    ("Elektro material", "Avtomatska varovalka {brand} {v}", "elec", "AF", "kos", (2.9, 9.9), (0.1, 0.14), "EX4", 3),
    ("Elektro material", "FID stikalo {brand} 40 A 30 mA", "elec", "FI", "kos", (19, 59), (0.2, 0.3), "EX4", 1),
    ("Elektro material", "Razdelilnik nadometni {brand} {v}", "elec", "RZ", "kos", (14, 89), (0.6, 2.5), "EX4", 2),
    ("Elektro material", "LED sijalka {brand} {v}", "light", "LS", "kos", (1.9, 9.9), (0.03, 0.09), "EX4", 5),
    ("Elektro material", "LED panel {brand} {v}", "light", "LP", "kos", (19, 79), (1.8, 3.5), "EX4", 2),
    ("Elektro material", "LED reflektor {brand} {v}", "light", "LR", "kos", (12, 69), (0.5, 1.8), "EX4", 2),
    ("Elektro material", "Izolirni trak {v}", "", "IT", "kos", (0.79, 2.9), (0.03, 0.06), "EX4", 2),
    ("Računalniška oprema", "USB-C kabel {brand} {v}", "it", "UC", "kos", (4.9, 19.9), (0.03, 0.09), "EX4", 4),
    ("Računalniška oprema", "HDMI kabel {brand} {v}", "it", "HD", "kos", (4.9, 24.9), (0.05, 0.2), "EX4", 3),
    ("Računalniška oprema", "Polnilec USB-C {brand} {v}", "it", "PC", "kos", (12, 49), (0.08, 0.25), "EX4", 3),
    ("Računalniška oprema", "Brezžična miška {brand} {model}", "it", "BM", "kos", (9, 69), (0.07, 0.14), "EX4", 3),
    ("Računalniška oprema", "Tipkovnica USB SLO {brand} {model}", "it", "TI", "kos", (12, 89), (0.5, 1.1), "EX4", 2),
    ("Računalniška oprema", "Monitor {brand} {model} {v}", "screen", "MO", "kos", (109, 549), (3.2, 7.5), "EX4", 3),
    ("Računalniška oprema", "USB ključek {brand} {v}", "it", "UK", "kos", (4.9, 39), (0.01, 0.03), "EX4", 2),
    ("Računalniška oprema", "Zunanji disk {brand} {v}", "it", "ZD", "kos", (49, 189), (0.15, 0.3), "EX4", 2),
    ("Računalniška oprema", "Slušalke z mikrofonom {brand} {model}", "it", "SM", "kos", (14, 129), (0.15, 0.35), "EX4", 2),
    ("Računalniška oprema", "Spletna kamera Full HD {brand} {model}", "it", "SK", "kos", (24, 99), (0.1, 0.2), "EX4", 1),
    ("Pisarniški material", "Papir A4 80 g {brand}, 500 listov", "office", "PA", "kos", (3.4, 6.9), (2.4, 2.6), "EX4", 3),
    ("Pisarniški material", "Registrator {brand} {v}", "office", "RE", "kos", (1.9, 5.9), (0.4, 0.6), "EX4", 3),
    ("Pisarniški material", "Kemični svinčnik {brand} {v}", "office", "KS", "kos", (0.39, 3.9), (0.01, 0.02), "EX4", 3),
    ("Pisarniški material", "Lepilni listki {brand} 76 x 76 mm", "office", "LL", "kos", (0.9, 2.9), (0.05, 0.08), "EX4", 1),
    ("Pisarniški material", "Spenjač {brand} {model}", "office", "SP", "kos", (4.9, 29), (0.15, 0.4), "EX4", 2),
    ("Pisarniški material", "Toner {brand} {model}", "ink", "TO", "kos", (29, 149), (0.6, 1.3), "EX4", 4),
    ("Pisarniški material", "Kartuša {brand} {model} {v}", "ink", "KT", "kos", (12, 59), (0.05, 0.12), "EX4", 3),
    ("Pisarniški material", "Uničevalnik dokumentov {brand} {model}", "office", "UD", "kos", (59, 329), (5, 14), "EX4", 1),
    ("Pisarniško pohištvo", "Pisarniški stol {model}", "", "SO", "kos", (79, 349), (12, 19), "EX4", 2),
    ("Pisarniško pohištvo", "Pisalna miza {v}", "", "PZ", "kos", (119, 449), (25, 45), "EX4", 1),
    ("Živila in pijače", "Kava v zrnu {brand} {v}", "coffeebean", "KV", "kg", (11.9, 29.9), (1, 1), "EX3", 3),
    ("Živila in pijače", "Mleta kava {brand} 500 g", "coffeebean", "MK", "kos", (4.9, 9.9), (0.5, 0.52), "EX3", 2),
    ("Živila in pijače", "Kavne kapsule {brand} {v}", "coffeebean", "KK", "kos", (2.9, 6.9), (0.05, 0.06), "EX3", 2),
    ("Živila in pijače", "Čaj {brand} {v}", "food", "CA", "kos", (1.5, 4.9), (0.04, 0.1), "EX3", 2),
    ("Živila in pijače", "Mineralna voda {brand} {v}", "food", "MI", "kos", (0.49, 1.49), (0.55, 1.6), "EX3", 2),
    ("Knjige", "Priročnik: {v}", "", "KN", "kos", (14.9, 39.9), (0.3, 0.9), "EX3", 1),
    ("Čistila in higiena", "Pralni prašek {brand} {v}", "hygiene", "PP", "kos", (6.9, 24.9), (1.5, 6), "EX4", 2),
    ("Čistila in higiena", "Tablete za pomivalni stroj {brand} {v}", "hygiene", "TP", "kos", (5.9, 19.9), (0.6, 1.6), "EX4", 2),
    ("Čistila in higiena", "Tekoče milo {brand} {v}", "hygiene", "TM", "kos", (1.5, 12.9), (0.3, 5.2), "EX4", 2),
    ("Čistila in higiena", "Toaletni papir {brand} {v}", "hygiene", "TL", "kos", (2.9, 9.9), (0.8, 2.5), "EX4", 1),
)

VARIANTS: dict[str, tuple[str, ...]] = {
    "SV": ("19 kos", "13 kos", "25 kos", "za kovino 10 kos", "za les 8 kos", "za beton 5 kos"),
    "BI": ("32 kos", "10 kos", "25 mm 30 kos", "PH2 10 kos", "TX 20 kos"),
    "KL": ("160 mm", "180 mm", "200 mm"),
    "MT": ("3 m", "5 m", "8 m", "10 m"),
    "VT": ("40 cm", "60 cm", "80 cm", "100 cm", "120 cm"),
    "VL": ("3,5 x 30 mm (200 kos)", "4 x 40 mm (200 kos)", "4,5 x 50 mm (100 kos)", "5 x 60 mm (100 kos)",
           "6 x 80 mm (50 kos)", "3 x 20 mm (500 kos)"),
    "ZB": ("2,5 x 60 mm", "3,1 x 70 mm", "1,8 x 40 mm", "3,4 x 90 mm"),
    "VR": ("6 mm", "8 mm", "10 mm", "12 mm"),
    "CB": ("NYM-J 3x1,5 mm²", "NYM-J 3x2,5 mm²", "NYM-J 5x2,5 mm²", "H05VV-F 3x1,5 mm²", "H07RN-F 3x2,5 mm²",
           "UTP Cat6", "FTP Cat6a", "koaksialni RG6", "NYY-J 5x6 mm²", "LiYY 4x0,25 mm²"),
    "VP": ("bela", "siva", "črna", "z zaščito za otroke", "dvojna bela", "IP44"),
    "ST": ("navadno bela", "izmenično bela", "križno siva", "tipkalo črno", "zatemnilnik bel"),
    "PO": ("3-vtični 1,5 m", "3-vtični 3 m", "5-vtični 3 m s stikalom", "5-vtični 5 m s stikalom", "na kolutu 25 m",
           "na kolutu 50 m", "6-vtični s prenapetostno zaščito"),
    "AF": ("B10", "B16", "B20", "C16", "C25", "B32"),
    "RZ": ("12 mest", "24 mest", "36 mest", "8 mest IP65"),
    "LS": ("E27 9 W", "E27 13 W", "E14 5 W", "GU10 5 W", "GU10 7 W", "E27 filament 7 W", "G9 3 W"),
    "LP": ("60 x 60 cm 40 W", "30 x 120 cm 36 W", "okrogel 18 W", "okrogel 24 W"),
    "LR": ("20 W", "30 W", "50 W", "100 W", "50 W s senzorjem"),
    "IT": ("19 mm x 20 m črn", "19 mm x 20 m moder", "15 mm x 10 m rumeno-zelen", "19 mm x 20 m rdeč"),
    "UC": ("1 m", "2 m", "3 m", "0,5 m", "2 m pleten", "1 m kotni"),
    "HD": ("1,5 m", "2 m", "3 m", "5 m", "10 m"),
    "PC": ("20 W", "30 W", "45 W", "65 W", "100 W"),
    "MO": ('24"', '27"', '32"', '27" QHD', '34" ukrivljen'),
    "UK": ("32 GB", "64 GB", "128 GB", "256 GB"),
    "ZD": ("1 TB", "2 TB", "4 TB", "SSD 500 GB", "SSD 1 TB"),
    "RE": ("A4 8 cm", "A4 5 cm", "A4 8 cm moder", "A4 8 cm rdeč", "A5 5 cm"),
    "KS": ("moder", "črn", "rdeč", "zelen", "moder 10 kos"),
    "KT": ("črna", "barvna", "XL črna", "XL barvna"),
    "PZ": ("120 x 70 cm", "140 x 80 cm", "160 x 80 cm", "180 x 90 cm", "dvižna 160 x 80 cm"),
    "KV": ("Espresso", "Crema", "Gold", "Classic", "Bar"),
    "KK": ("10 kos", "16 kos", "30 kos"),
    "CA": ("zeleni 20 vrečk", "kamilica 20 vrečk", "planinski 20 vrečk", "metin 20 vrečk", "sadni 20 vrečk"),
    "MI": ("1,5 l", "0,5 l", "1 l steklenica"),
    "KN": ("Varnost pri delu z električnim orodjem", "Elektroinštalacije v stanovanjskih stavbah",
           "Pravilno vzdrževanje gospodinjskih aparatov", "Osnove računovodstva za podjetnike",
           "Energetska prenova hiše", "Slovenski pravopis v poslovni praksi"),
    "PP": ("3 kg", "5 kg", "1,5 kg", "tekoči 3 l"),
    "TP": ("60 kos", "40 kos", "100 kos"),
    "TL": ("10 rol", "24 rol", "32 rol"),
    "TM": ("300 ml", "500 ml", "5 l"),
}

#: (code, name, unit, net price, tax) — services without stock
SERVICES: tuple[tuple[str, str, str, str, str], ...] = (
    ("DOSTAVA", "Dostava", "kos", "4.0902", "EX4"),
    ("DOSTAVA-VELIKI", "Dostava velikega gospodinjskega aparata", "kos", "24.5902", "EX4"),
    ("MONTAZA-URA", "Montaža – ura", "ura", "32.0000", "EX4"),
    ("SERVIS-URA", "Servis – ura", "ura", "38.0000", "EX4"),
    ("PRIKLOP", "Priklop aparata", "kos", "29.0000", "EX4"),
    ("ODVOZ", "Odvoz starega aparata", "kos", "15.0000", "EX4"),
    ("GARANCIJA-2L", "Podaljšana garancija 2 leti", "kos", "39.0000", "EX4"),
    ("SVETOVANJE", "Tehnično svetovanje – ura", "ura", "45.0000", "EX4"),
)

#: text-only document lines
TEXT_LINES = (
    "Dostava po predhodnem dogovoru.",
    "Blago ostaje last prodajalca do plačila celotne kupnine.",
    "Cene veljajo ob nakupu celotne količine.",
    "Prevzem v skladišču po telefonskem dogovoru.",
    "Garancija velja ob predložitvi računa.",
)

#: sales reps of the demo company (commercialist_email on orders)
COMMERCIALISTS = ("ana.novak", "marko.zupan", "petra.kos", "jure.hribar")

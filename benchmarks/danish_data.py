"""Word lists for the synthetic register: Danish names (æ, ø, å and the old "Aa"), Aalborg
districts, streets and postal codes, and the shapes of partner organisations' names.

The contact surnames of the database (SURNAMES) and of the import file (IMPORT_SURNAMES) are
disjoint: a name or e-mail address in the CSV can never collide with a contact in the database.
"""

from __future__ import annotations

# Listed roughly by frequency: the generator weights them so that the first are common.
FIRST_NAMES = [
    "Mette", "Søren", "Anne", "Jens", "Hanne", "Peter", "Susanne", "Lars", "Lene", "Michael",
    "Marianne", "Henrik", "Camilla", "Thomas", "Louise", "Jørgen", "Charlotte", "Niels", "Maria",
    "Morten", "Tina", "Jesper", "Pia", "Anders", "Birgitte", "Rasmus", "Helle", "Martin",
    "Karen", "Mads", "Kirsten", "Bjørn", "Lone", "Frederik", "Bente", "Christian", "Inge",
    "Kasper", "Ida", "Jonas", "Freja", "Mikkel", "Sofie", "Ole", "Emma", "Poul", "Mathilde",
    "Per", "Signe", "Knud", "Julie", "Aage", "Nanna", "Aksel", "Sara", "Bo", "Aase", "Kjeld",
    "Birthe", "Torben", "Jytte", "Steen", "Gitte", "Kåre", "Dorthe", "Ebbe", "Rikke", "Finn",
    "Ditte", "Erik", "Line", "Carsten", "Bodil", "Troels", "Astrid", "Asger", "Solvej", "Jørn",
    "Åse", "Palle", "Sølvi", "Gunnar", "Øjvind", "Halfdan", "Jannik", "Ejnar", "Trine", "Malthe",
]

MIDDLE_NAMES = ["Bjerg", "Krogh", "Damsgaard", "Holm", "Lykke", "Kirk", "Bech", "Nørby", "Skov"]

SURNAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Eriksen",
    "Kristiansen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Østergaard",
    "Jeppesen", "Vestergaard", "Nissen", "Lauridsen", "Kjær", "Jespersen", "Mogensen",
    "Nørgaard", "Jepsen", "Frandsen", "Søndergaard", "Bach", "Kjærgaard", "Aagaard", "Bæk",
    "Frølund", "Højgaard", "Damgaard", "Bisgaard", "Brøndum", "Thygesen", "Krogh", "Dahl",
    "Winther", "Bruun", "Bertelsen", "Ørum", "Ærbøl", "Aabo", "Åkjær", "Løkke", "Grøn",
    "Sønderby", "Kjærsgaard", "Bønnelykke", "Aaen", "Fæster", "Hjørth",
]

# Only in the import file (see the module docstring).
IMPORT_SURNAMES = [
    "Bundgaard", "Fuglsang", "Hvidbjerg", "Ravnkilde", "Stenholt", "Kirkegaard", "Tornøe",
    "Brandstrup", "Vinding", "Grønbech", "Nyborg", "Sandager", "Hyldgaard", "Ølgaard",
    "Blæsbjerg", "Skærbæk", "Ågesen", "Bækgaard", "Dalsgaard", "Engelbrecht", "Gravesen",
    "Hammerich", "Ibsen", "Juul", "Kamp", "Lindgaard", "Munk", "Nøhr", "Overgaard", "Pallesen",
    "Quist", "Riis", "Stausholm", "Toft", "Uldall", "Vad", "Wulff", "Yde", "Zacho", "Aarup",
]

TITLES = {
    "kommune": ["gadeplansmedarbejder", "teamleder", "konsulent", "afdelingsleder",
                "SSP-konsulent", "forebyggelseskonsulent", "socialrådgiver", "parkleder",
                "driftsleder", "chefkonsulent", "projektleder", "sekretær", "støttekontaktperson"],
    "politi": ["politikommissær", "nærpolitibetjent", "politiassistent", "vicepolitiinspektør",
               "forebyggelseskoordinator"],
    "ngo": ["frivilligkoordinator", "daglig leder", "frivillig", "formand", "værestedsleder",
            "projektmedarbejder"],
    "erhverv": ["butikschef", "indehaver", "centerchef", "driftschef", "vagtchef", "restauratør"],
    "boligforening": ["boligsocial medarbejder", "ejendomsmester", "afdelingsformand",
                      "boligsocial koordinator", "inspektør"],
    "beboerforening": ["formand", "næstformand", "kasserer", "bestyrelsesmedlem"],
    "samraad": ["formand", "næstformand", "sekretær", "bestyrelsesmedlem"],
    "udsatteraad": ["formand", "medlem", "sekretær"],
    "kultur": ["bibliotekar", "kulturmedarbejder", "leder", "formidler"],
    "uddannelse": ["skoleleder", "AKT-lærer", "studievejleder", "viceskoleleder", "pædagog"],
    "andet": ["præst", "formand", "koordinator", "træner", "kirketjener"],
}

# Postal code → town, all within Aalborg Kommune.
POSTAL_CODES = {
    "9000": "Aalborg", "9200": "Aalborg SV", "9210": "Aalborg SØ", "9220": "Aalborg Øst",
    "9230": "Svenstrup J", "9240": "Nibe", "9260": "Gistrup", "9270": "Klarup",
    "9280": "Storvorde", "9310": "Vodskov", "9362": "Gandrup", "9370": "Hals",
    "9380": "Vestbjerg", "9381": "Sulsted", "9400": "Nørresundby", "9430": "Vadum",
}

DISTRICTS = [
    "Aalborg Centrum", "Vejgaard", "Hasseris", "Aalborg Øst", "Gug", "Skalborg", "Nørresundby",
    "Lindholm", "Løvvangen", "Vodskov", "Svenstrup", "Klarup", "Storvorde", "Gistrup", "Nibe",
    "Hals", "Vestbjerg", "Sulsted", "Vadum", "Kærby", "Grønlandskvarteret", "Vestbyen",
    "Østbyen", "Frejlev", "Sønderholm", "Godthåb", "Smedegaard", "Tornhøj", "Mølleparken",
    "Hobrovejskvarteret", "Ø-gaderne", "Aalborg Havn", "Skørping Vej", "Sohngårdsholm",
]

STREETS = [
    "Boulevarden", "Vesterbro", "Østerågade", "Nørregade", "Jyllandsgade", "Danmarksgade",
    "Kastetvej", "Hasserisgade", "Sønderbro", "Algade", "Bispensgade", "Gammeltorv",
    "Østre Allé", "Hadsundvej", "Jomfru Ane Gade", "Kjellerups Torv", "Vingårdsgade",
    "Ågade", "Løvvangsvej", "Tornhøjvej", "Sohngårdsholmsvej", "Hobrovej", "Vesterå",
    "Nyhavnsgade", "Stigsborg Brygge", "Rantzausgade", "Fyensgade", "Absalonsgade",
    "Sæbygårdvej", "Smedegårdsvej", "Mølleparkvej", "Ørnevej", "Æblehaven", "Kærvej",
    "Annebergvej", "Humlebakken", "Fredrikstadgade", "Kong Christians Allé", "Budolfi Plads",
    "Karolinelundsvej",
]

KOMMUNE_UNITS = [
    "Socialområdet – Gadeteam", "Park og Natur", "SSP Aalborg",
    "Ældre- og Handicapforvaltningen", "Skole- og Kulturforvaltningen",
    "Familie- og Socialforvaltningen", "Beskæftigelsesforvaltningen",
    "Sundheds- og Kulturforvaltningen", "Miljø- og Energiforvaltningen", "Rusmiddelcenter",
    "Boligsocialt Hus", "Ungdomsskolen", "Fritidscenter", "Klub", "Jobcenter", "Sundhedshus",
    "Byplan", "Vej og Trafik", "Tryg Aalborg – sekretariatet", "Forebyggelsesteam",
]

NGO_NAMES = [
    "Kirkens Korshær", "Røde Kors", "Frelsens Hær", "Natteravnene", "Blå Kors", "Red Barnet",
    "Mødrehjælpen", "SAND", "Projekt Udenfor", "Gadespejlet", "Exit Prostitution", "Reden",
    "Ungdommens Røde Kors", "Headspace", "Settlementet", "Café Parasollen", "Foreningen Tryg Nat",
    "Lær for Livet", "Natcafé", "Frivilligcenter",
]

BUSINESSES = [
    "Bageri", "Kiosk", "Apotek", "Pizzeria", "Café", "Frisør", "Autoværksted", "Tøjbutik",
    "Blomster", "Grillbar", "Vinhandel", "Boghandel", "Isenkram", "Cykler", "Slagter",
    "Tandlæge", "Vagtservice", "Rengøring", "Ejendomsservice", "Køreskole",
]
CHAINS = ["Netto", "Føtex", "Rema 1000", "Lidl", "Salling", "Bilka", "Fakta", "Meny", "Løvbjerg",
          "7-Eleven", "Circle K", "Q8", "Matas", "Normal"]
COMPANY_SUFFIXES = ["", "", "", " ApS", " A/S", " I/S"]

HOUSING = ["Himmerland Boligforening", "Alabu Bolig", "Vivabolig", "Lejerbo Aalborg",
           "Boligselskabet Nordjylland", "Plusbolig", "Aalborg Boligselskab af 1956",
           "Boligforeningen Fremtiden", "Hasseris Boligselskab", "Boligforeningen Enggaarden"]

CULTURE = ["Bibliotek", "Kulturhus", "Medborgerhus", "Musikskole", "Lokalhistorisk Arkiv",
           "Kulturværksted", "Beboerhus", "Ungdomshus"]
SCHOOLS = ["Skole", "Gymnasium", "Ungdomsskole", "Efterskole", "Sprogcenter", "Produktionsskole",
           "Friskole", "Børnehus"]
OTHER = ["Idrætsforening", "Kirke", "Menighedsråd", "Boldklub", "Spejdergruppe", "Lokalråd",
         "Handelsstandsforening", "Vandværk", "Skytteforening", "Petanqueklub"]

# Shapes of organisations that are NOT in the database, for the import file.
NEW_ORGANISATION_WORDS = ["Naboskabet", "Trygge Gader", "Gadens Venner", "Fællesskabet",
                          "Lys i Mørket", "Åben Dør", "Kvartershuset", "Grøn Gård",
                          "Ældresagen lokalt", "Tryghedsvandring"]

NOTES = [
    "Træffes bedst på mobil om eftermiddagen.",
    "Kontakt via sekretariatet; ring før kl. 12.",
    "Deltager i dialogmøderne om Østre Anlæg.",
    "Har nøgle til mødelokalet.",
    'Koordinerer "Tryg nat" i weekenderne.',
    "Ferie i uge 29-31.\nVikar: se hjemmesiden.",
    "Foretrækker e-mail frem for telefon.",
    "Ny i stillingen fra foråret.",
    "Kan låne lokaler ud til borgermøder.",
    "Kontaktperson for området ved Kennedy Arkaden.",
]

USERS = ["mso", "jaa", "lbk", "tryg-sekr", "pøs"]

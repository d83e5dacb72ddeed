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

# --- meetings (issue 3) -----------------------------------------------------------------------

# Forums: (name, meeting kind, start time, minutes, where). {district}, {street}, {n}, {postal}
# and {city} are filled in; a forum named after a district meets there.
FORUM_SHAPES = [
    ("Dialogmøde {district}", "dialogmøde", "14:00", 120, "Beboerhuset {district}"),
    ("Tryghedsforum {district}", "dialogmøde", "16:00", 120, "{district} Medborgerhus"),
    ("Netværksmøde {district}", "netværksmøde", "09:30", 90, "Huset i {street}"),
    ("SSP-koordinationsgruppe {district}", "koordinationsmøde", "13:00", 90,
     "{district} Skole, mødelokale 2"),
    ("Boligsocialt netværk {district}", "netværksmøde", "10:00", 90, "Boligsocialt Hus {district}"),
    ("Borgermøde om tryghed i {district}", "borgermøde", "19:00", 120,
     "{district} Kulturhus, salen"),
]
# Forums that are not tied to a district.
FORUM_NAMED = [
    ("Netværksmøde Aalborg Midtby", "netværksmøde", "09:30", 90, "Huset i Hasserisgade"),
    ("Nattelivsforum Jomfru Ane Gade", "koordinationsmøde", "15:00", 90,
     "Aalborg Rådhus, mødelokale 1"),
    ("Udsatterådets dialogmøde", "dialogmøde", "13:00", 120, "Café Parasollen"),
    ("Tryg Aalborg – styregruppe", "koordinationsmøde", "08:30", 90,
     "Aalborg Rådhus, byrådssalens forværelse"),
]
FORUM_PURPOSES = [
    "At dele viden om trygheden i området og aftale konkrete handlinger.",
    "At koordinere indsatsen for socialt udsatte og følge op på hændelser.",
    "At samle parterne om en fælles tryghedsplan for området.",
    "At give beboerne et sted at rejse bekymringer og få svar fra kommune og politi.",
    "Gensidig orientering og aftaler om fælles indsatser i næste periode.",
]
AD_HOC_TITLES = [
    ("Koordinationsmøde om {park}", "koordinationsmøde"),
    ("Borgermøde i {district} om tryghed", "borgermøde"),
    ("Tryghedsvandring {district}", "andet"),
    ("Opfølgning på hærværk i {district}", "koordinationsmøde"),
    ("Ekstraordinært møde om {park}", "koordinationsmøde"),
    ("Nabomøde {street}", "dialogmøde"),
]
PARKS = ["Østre Anlæg", "Kildeparken", "Karolinelund", "Mølleparken", "Skovbakken",
         "Kennedy Arkaden", "Nytorv", "Budolfi Plads", "Kjellerups Torv", "Vestre Fjordpark",
         "Stigsborg Havnepark", "Lindholm Strandpark", "Kærby Mølleå", "Fjordbyen"]

# The standard dialogue-meeting agenda around the theme items: (title, kind, minutes, who).
# who: "chair", "minute_taker" or "" (no presenter).
AGENDA_OPENING = [
    ("Velkomst", "orientering", 5, "chair"),
    ("Godkendelse af dagsorden", "beslutning", 5, "chair"),
    ("Godkendelse af referat fra sidste møde", "beslutning", 5, "chair"),
    ("Opfølgning på handlinger", "orientering", 15, "minute_taker"),
]
AGENDA_CLOSING = [
    ("Nyt fra parterne", "orientering", 20, ""),
    ("Eventuelt", "orientering", 10, ""),
    ("Næste møde", "beslutning", 5, "chair"),
]
# Theme items: (title, kind, minutes). {park}, {district} and {street} are filled in.
THEMES = [
    ("Belysning ved {park}", "beslutning", 25),
    ("Sommeraktiviteter for unge i {district}", "orientering", 15),
    ("Tryghedsvandring i {district}", "drøftelse", 30),
    ("Affald og hærværk ved legepladsen i {park}", "drøftelse", 20),
    ("Nabohjælp i opgangene", "beslutning", 15),
    ("Samarbejde med natteravnene", "drøftelse", 20),
    ("Vinterberedskab for hjemløse", "orientering", 15),
    ("Ophold ved {park}", "drøftelse", 20),
    ("Julehandel og tryghed i {street}", "orientering", 15),
    ("Fælles henvisning til varmestuerne", "beslutning", 15),
    ("Knallertkørsel på stierne i {district}", "drøftelse", 20),
    ("Tryghedsmålingen {year}: resultater for {district}", "orientering", 20),
    ("Nytårsaften {year} i {district}", "beslutning", 20),
    ("Udsatte borgere ved {park}", "drøftelse", 25),
    ("Status på den boligsociale helhedsplan", "orientering", 15),
    ("Ny beplantning og udsyn i {park}", "beslutning", 20),
    ("Trafiksikkerhed ved {district} Skole", "drøftelse", 15),
    ("Fritidsjob til unge i {district}", "orientering", 15),
    ("Graffiti og tags i {street}", "beslutning", 15),
    ("Fælles kalender for arrangementer i området", "beslutning", 10),
    ("Gadeteamets erfaringer fra efteråret", "orientering", 15),
    ("Brug af kameraovervågning ved {park}", "drøftelse", 25),
    ("Evaluering af tryghedsvandringen", "drøftelse", 20),
    ("Midler fra puljen til lokale tryghedsinitiativer", "beslutning", 20),
]
# Closed items (Lukket punkt): (title, kind, minutes, presenter); no presenter: the chair.
CLOSED_THEMES = [
    ("Politiets orientering om aktuelle sager", "orientering", 15, "Nordjyllands Politi"),
    ("Fortrolig drøftelse af bekymringshenvendelser", "drøftelse", 15, "SSP Aalborg"),
    ("Personalesag i sekretariatet", "orientering", 10, ""),
]
BACKGROUNDS = [
    "Beboerne oplever stierne ved {park} som mørke og utrygge efter kl. 17 i vinterhalvåret. "
    "Park og Natur har gennemgået belysningen og fundet tre strækninger uden lys.",
    "Der har siden sidste møde været flere henvendelser om uro om aftenen i {district}. "
    "Gadeteamet og nærpolitiet har været på stedet og beskriver situationen som rolig i "
    "dagtimerne.",
    "Ruten går fra beboerhuset ad stien langs {park} til indkøbscentret. Deltagerne noterer "
    "steder, der føles utrygge, og hvorfor.",
    "Boligforeningen har registreret hærværk på fællesarealerne i fire af de seneste seks "
    "måneder. Udgifterne til reparation er steget, og beboerne efterlyser en fælles indsats.",
    "SSP har kortlagt fritidstilbuddene i {district}. Der mangler tilbud til de 14-17-årige "
    "fredag og lørdag aften.",
    "Tryghedsmålingen viser, at andelen, der føler sig trygge i {district} efter mørkets frembrud, "
    "er faldet fra 78 % til 71 %. Faldet er størst blandt kvinder over 60 år.",
    "Handelsforeningen i {street} ønsker at samarbejde om en fælles indsats i december med "
    "ekstra vagter, bedre lys og tydelig information til kunderne.",
    "Punktet er sat på efter ønske fra {organisation}, som vil orientere om erfaringerne fra "
    "det første halve år og drøfte den videre plan med parterne.",
]
PROPOSALS = [
    "Det indstilles, at Park og Natur opsætter ny belysning på de tre strækninger inden "
    "1. november, og at effekten følges op på næste tryghedsvandring.",
    "Det indstilles, at boligforeningen og beboerforeningen i fællesskab uddeler materiale om "
    "nabohjælp i alle opgange.",
    "Det indstilles, at Tryg Aalborg arrangerer en tryghedsvandring inden næste møde med "
    "deltagelse af gadeteamet, politiet, Park og Natur og handelsforeningen.",
    "Det indstilles, at parterne bruger et fælles kort med varmestuernes åbningstider, når de "
    "møder udsatte borgere.",
    "Det indstilles, at mødet godkender planen, og at sekretariatet følger op på næste møde.",
    "Det indstilles, at der søges 25.000 kr. fra puljen til lokale tryghedsinitiativer, og at "
    "{organisation} er ansvarlig for ansøgningen.",
]

# --- issue 4: action items and minutes ---------------------------------------------------------

# Handlinger as they are written in a referat ({park}, {district}, {street} filled in).
ACTION_TITLES = [
    "Undersøge belysningen på stien ved {park}",
    "Bestille ekstra oprydning i {park} efter weekenden",
    "Indkalde til gåtur i {district} med politiet og boligforeningen",
    "Sende kort over utrygge steder i {district} til Park og Natur",
    "Kontakte butikkerne på {street} om videoovervågning",
    "Følge op på hærværk i opgang på {street}",
    "Lave opslag om nabohjælp i {district}",
    "Undersøge mulighed for natteravne fredag og lørdag",
    "Invitere SSP til næste møde om unge i {district}",
    "Beskære buskads ved stien langs {street}",
    "Afklare ansvar for graffitifjernelse på {street}",
    "Sende status på trafiksikkerhed ved skolen i {district}",
    "Aftale fælles indsats mod knallertkørsel i {park}",
    "Opdatere kontaktlisten til tryghedsvandringen",
    "Udarbejde forslag til aktiviteter for unge i sommerferien",
    "Søge midler fra puljen til trygge boligområder",
    "Melde defekte gadelamper på {street} til kommunen",
    "Planlægge borgermøde om tryghed i {district}",
    "Orientere beboerbladet om resultaterne fra tryghedsmålingen",
    "Undersøge muligheden for en ekstra affaldsspand ved {park}",
]
ACTION_DESCRIPTIONS = [
    "Resultatet meldes tilbage på næste møde.",
    "Aftales med de berørte parter inden fristen.",
    "Politiet deltager, hvis det kan nås.",
    "Boligforeningen sørger for lokale og kaffe.",
    "Kræver godkendelse i forvaltningen; status gives på næste møde.",
]
COMPLETION_NOTES = [
    "Udført som aftalt.", "Gennemført; god respons fra beboerne.",
    "Klaret sammen med Park og Natur.", "Afsluttet, se referatet fra næste møde.",
]
CANCEL_NOTES = ["Ikke længere relevant.", "Indgår i en anden indsats.",
                "Droppet efter drøftelse på mødet."]
# Referat (notes) and beslutning (decision) of a held meeting's items.
MINUTES_NOTES = [
    "Punktet blev drøftet. Der var enighed om, at situationen i {district} er blevet bedre "
    "siden sidst, men at stien ved {park} stadig opleves som utryg om aftenen.",
    "Politiet orienterede om udviklingen i anmeldelser i {district}. Der er færre indbrud, "
    "men flere henvendelser om knallertkørsel på {street}.",
    "Boligforeningen fortalte om erfaringerne med de nye beboerværter. Flere beboere har "
    "henvendt sig, og hærværket i opgangene er faldet.",
    "Der blev spurgt til belysningen ved {park}. Park og Natur undersøger sagen og melder "
    "tilbage.",
    "Mødet gennemgik status på handlingerne. De fleste er udført; resten er sat i gang.",
    "Kort orientering; ingen bemærkninger.",
    "Deltagerne drøftede, hvordan flere unge kan inddrages. Der blev peget på fritidsklubben "
    "og idrætsforeningen i {district}.",
]
DECISIONS = [
    "Indstillingen blev godkendt.",
    "Taget til efterretning.",
    "Det blev besluttet at gennemføre en tryghedsvandring i {district} inden sommerferien.",
    "Indstillingen blev godkendt med den ændring, at politiet deltager.",
    "Punktet udsættes til næste møde.",
    "Det blev aftalt at søge midler til bedre belysning ved {park}.",
]

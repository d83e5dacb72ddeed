"""The fixed vocabularies of places, efforts and episodes: the stored value and the Danish label.
One list each, shared by the services, the pages, the reports and the demo data."""

from __future__ import annotations

PLACE_KINDS = [("park", "Park"), ("plads", "Plads"), ("gade", "Gade"),
               ("boligområde", "Boligområde"), ("andet", "Andet")]
DISTRICTS = ["Aalborg Midtby", "Nørresundby", "Aalborg Øst", "Aalborg Vest", "Aalborg Syd",
             "Vejgaard", "Hasseris", "Gug", "Andet"]  # suggestions; any district may be typed

STRANDS = [("byrum", "Udvikling af byrum"), ("socialfaglig", "Socialfaglig indsats på stedet"),
           ("samskabelse", "Samskabelse og dialog")]
EFFORT_STATUSES = [("planlagt", "Planlagt"), ("i gang", "I gang"), ("afsluttet", "Afsluttet"),
                   ("stoppet", "Stoppet")]

EPISODE_CATEGORIES = [
    ("råben", "Råben og skænderi"),
    ("konflikt", "Konflikt eller vold"),
    ("påvirket", "Påvirket adfærd"),
    ("hærværk", "Hærværk"),
    ("affald", "Efterladt affald eller kanyler"),
    ("chikane", "Chikane af forbipasserende"),
    ("trivsel", "Bekymring for en borgers trivsel"),
    ("andet", "Andet"),
]
SEVERITIES = [(1, "1 – mindre"), (2, "2 – betydelig"), (3, "3 – alvorlig")]
REPORTER_KINDS = [
    ("beboer", "Beboer"), ("butik", "Butik"), ("gademedarbejder", "Gademedarbejder"),
    ("politi", "Politi"), ("herberg", "Herberg/varmestue"),
    ("park- og vejmyndighed", "Park- og vejmyndighed"), ("andet", "Andet"),
]
# A time band when the exact time is not known; "HH" bounds are local time.
TIME_BANDS = [("nat", "Nat (00–06)"), ("morgen", "Morgen (06–09)"),
              ("formiddag", "Formiddag (09–12)"), ("eftermiddag", "Eftermiddag (12–18)"),
              ("aften", "Aften (18–24)")]
BAND_HOURS = {"nat": (0, 6), "morgen": (6, 9), "formiddag": (9, 12), "eftermiddag": (12, 18),
              "aften": (18, 24)}

EPISODE_NOTE_MAX = 300  # characters: enough to describe what happened, too short for a case file
EPISODE_NOTE_HINT = ("Skriv kun hvad der skete. Ingen navne, CPR-numre, kendetegn eller "
                     "helbredsoplysninger om de involverede.")

PLACE_KIND_LABELS = dict(PLACE_KINDS)
STRAND_LABELS = dict(STRANDS)
EFFORT_STATUS_LABELS = dict(EFFORT_STATUSES)
CATEGORY_LABELS = dict(EPISODE_CATEGORIES)
SEVERITY_LABELS = dict(SEVERITIES)
REPORTER_LABELS = dict(REPORTER_KINDS)
TIME_BAND_LABELS = dict(TIME_BANDS)


def time_text(occurred_time: str | None, time_band: str) -> str:
    """An episode's time as every page shows it: "21.15" (Danish style; stored "21:15"), or
    its time band's label when only the band is known."""
    if occurred_time:
        return occurred_time.replace(":", ".")
    return TIME_BAND_LABELS.get(time_band, time_band)


def band_of(time_text: str) -> str:
    """The band an exact time ("HH:MM") falls in."""
    hour = int(time_text[:2])
    return next(band for band, (low, high) in BAND_HOURS.items() if low <= hour < high)

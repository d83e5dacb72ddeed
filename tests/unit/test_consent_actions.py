"""Consent to be named, for the actions' responsible person (issue 13, point 5): the
Handlingsliste, the Referat's actions, the Dagsorden's »Opfølgning på handlinger« and the actions
CSV name a resident responsible for an action only with consent; otherwise "Beboer". The
internal versions name them. Both databases."""

import csv
import datetime as dt
import io

from tests.unit.test_consent import HIDDEN, NAMED, make_meeting, pdf_text, withdraw_rikke
from tryg_desktop.services.data_protection import consent
from tryg_desktop.services.meetings import action_export, printing
from tryg_desktop.services.meetings import actions as ACT
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import participants as P


def setup_actions(ids) -> None:
    hidden = next(p.contact_id for p in P.of_meeting(ids["meeting"]) if p.name == HIDDEN[0])
    for title, who in (("Rydde op i gården", hidden), ("Male bænke", ids["rikke"])):
        ACT.create(ACT.ActionInput(title=title, meeting_id=ids["meeting"],
                                   responsible_contact_id=who,
                                   due=dt.date.today() + dt.timedelta(days=30)))


def test_handlingsliste_and_csv(db):
    ids = make_meeting()
    setup_actions(ids)
    text = pdf_text(printing.actions_pdf_bytes())
    assert NAMED in text and consent.RESIDENT in text and HIDDEN[0] not in text
    full = pdf_text(printing.actions_pdf_bytes(full=True))
    assert HIDDEN[0] in full
    data, _ = action_export.csv_bytes()
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    responsible = {row[0]: row[2] for row in table[1:]}
    assert responsible == {"Rydde op i gården": consent.RESIDENT, "Male bænke": NAMED}
    withdraw_rikke(ids)
    assert NAMED not in pdf_text(printing.actions_pdf_bytes())


def test_referat_actions(db):
    ids = make_meeting()
    setup_actions(ids)
    text = pdf_text(printing.minutes_pdf_bytes(ids["meeting"]))
    table = text[text.index("Aftalte handlinger"):]
    assert HIDDEN[0] not in text and consent.RESIDENT in table and NAMED in table
    assert HIDDEN[0] in pdf_text(printing.minutes_pdf_bytes(ids["meeting"], full=True))


def test_dagsorden_follow_up(db):
    ids = make_meeting()
    forum = F.create(F.ForumInput(name="Dialogforum Vestbyen"))
    meeting = M.get(ids["meeting"])
    setup_actions(ids)
    for row in ACT.fetch(ACT.ActionFilter(meeting_id=ids["meeting"])):
        ACT.update(row.id, ACT.ActionInput(title=row.title, forum_id=forum.id,
                                           meeting_id=row.meeting_id,
                                           responsible_contact_id=row.responsible_contact_id,
                                           due=row.due), row.version)
    nxt = M.create(M.MeetingInput(title="Næste dialogmøde", forum_id=forum.id,
                                  starts_at=meeting.starts_at + dt.timedelta(days=30),
                                  ends_at=meeting.ends_at + dt.timedelta(days=30)))
    A.add(nxt.id, A.ItemInput(title="Opfølgning på handlinger"))
    text = pdf_text(printing.agenda_pdf_bytes(nxt.id))
    follow_up = text[text.index("Opfølgning på handlinger"):]
    assert HIDDEN[0] not in text
    assert consent.RESIDENT in follow_up and NAMED in follow_up
    assert HIDDEN[0] in pdf_text(printing.agenda_pdf_bytes(nxt.id, runsheet=True))

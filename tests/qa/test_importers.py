"""Importers: each helpdesk shape in, conversations out; bad rows reported with file, line, field
and reason; a file that is not an export gets one clear error."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from attune.qa import exports
from attune.qa.errors import NotAnExportError
from attune.qa.importers import READERS, detect, freshdesk, generic, intercom, open_exports, zendesk
from attune.qa.importers.common import csat_of, parse_time

Write = Callable[[str, str | bytes], Path]
ReadAll = Callable[..., tuple[list[Any], list[Any]]]
Ticket = Callable[..., dict[str, Any]]

# ------------------------------------------------------------------------------------ Zendesk


def test_zendesk_page_with_users_and_notes(
    write: Write, tickets_json: Callable[..., str], read_all: ReadAll, ticket: Ticket
) -> None:
    first = ticket(1)
    first["comments"].append(
        {"id": 13, "author_id": 20, "body": "internal: courier says Tuesday", "public": False, "created_at": None}
    )
    path = write("z.json", tickets_json([first, ticket(2)]))
    assert detect(path) == "zendesk"
    convs, issues = read_all(zendesk.read, path)
    assert issues == []
    c = convs[0]
    assert (c.id, c.agent, c.customer_name, c.channel, c.csat) == ("1", "Sam", "Dana", "email", 1.0)
    assert [m.role for m in c.messages] == ["customer", "agent", "note"]
    assert c.messages[1].author == "Sam"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert c.line == next(i for i, text in enumerate(lines) if '"tickets"' in text) + 2  # where the ticket starts


def test_zendesk_export_array_jsonl_and_single_ticket(write: Write, read_all: ReadAll, ticket: Ticket) -> None:
    tickets = [ticket(i) for i in range(1, 4)]
    for name, text in {
        "array.json": json.dumps(tickets),
        "tickets.jsonl": "\n".join(json.dumps(t) for t in tickets),
        "one.json": json.dumps({"ticket": tickets[0]}),
    }.items():
        convs, issues = read_all(zendesk.read, write(name, text))
        assert issues == []
        assert [c.id for c in convs] == [str(t["id"]) for t in tickets][: len(convs)]
        assert convs[0].messages[1].author == "agent 20"  # no users sideload: a stable fallback


def test_zendesk_bad_comment_and_empty_body_are_reported(write: Write, read_all: ReadAll, ticket: Ticket) -> None:
    ticket = ticket(5)
    ticket["comments"].insert(1, {"id": 99, "author_id": 10, "body": "", "public": True})
    ticket["comments"].insert(1, {"id": 98, "author_id": 10, "public": True})
    ticket["comments"][0]["created_at"] = "yesterday"
    convs, issues = read_all(zendesk.read, write("z.json", json.dumps([ticket])))
    assert len(convs) == 1 and len(convs[0].messages) == 2
    reasons = {(i.field, i.severity) for i in issues}
    assert ("comments[1]", "error") in reasons  # no body
    assert ("message 99", "error") in reasons  # empty
    assert ("comments[0].created_at", "warning") in reasons  # unreadable time, kept


# ---------------------------------------------------------------------------- Freshdesk, Intercom

FRESHDESK = {
    "id": 7,
    "subject": "Refund",
    "description_text": "I returned the kettle two weeks ago and have no refund.",
    "requester_id": 50,
    "responder_id": 60,
    "status": 4,
    "source": 7,
    "created_at": "2024-03-04T09:00:00Z",
    "stats": {"resolved_at": "2024-03-05T09:00:00Z"},
    "requester": {"name": "Ines"},
    "satisfaction_rating": {"ratings": {"default_question": 103}},
    "conversations": [
        {
            "id": 1,
            "body_text": "Hi Ines, I've pushed the refund through.",
            "incoming": False,
            "private": False,
            "user_id": 60,
            "created_at": "2024-03-04T10:00:00Z",
        },
        {
            "id": 2,
            "body": "<p>Thanks!</p>",
            "incoming": True,
            "private": False,
            "user_id": 50,
            "created_at": "2024-03-04T11:00:00Z",
        },
        {
            "id": 3,
            "body_text": "refund approved",
            "incoming": False,
            "private": True,
            "user_id": 60,
            "created_at": "2024-03-04T11:05:00Z",
        },
    ],
}

INTERCOM = {
    "type": "conversation.list",
    "conversations": [
        {
            "type": "conversation",
            "id": "123",
            "created_at": 1709542800,
            "state": "closed",
            "source": {
                "type": "conversation",
                "body": "<p>My app keeps crashing &amp; I need it today</p>",
                "author": {"type": "user", "id": "u1", "name": "Olu"},
            },
            "conversation_rating": {"rating": 4},
            "statistics": {"last_close_at": 1709550000},
            "conversation_parts": {
                "conversation_parts": [
                    {"part_type": "assignment", "body": None, "created_at": 1709542900, "author": {"type": "bot"}},
                    {
                        "part_type": "comment",
                        "body": "<p>Hi Olu, I'm sorry! I've reproduced it.</p>",
                        "created_at": 1709543000,
                        "author": {"type": "admin", "id": "a1", "name": "Wen"},
                    },
                    {
                        "part_type": "note",
                        "body": "escalated",
                        "created_at": 1709543100,
                        "author": {"type": "admin", "id": "a1", "name": "Wen"},
                    },
                ]
            },
        }
    ],
}


def test_freshdesk_ticket_with_conversations(write: Write, read_all: ReadAll) -> None:
    path = write("fd.json", json.dumps([FRESHDESK]))
    assert detect(path) == "freshdesk"
    convs, issues = read_all(freshdesk.read, path)
    assert issues == []
    c = convs[0]
    assert [m.role for m in c.messages] == ["customer", "agent", "customer", "note"]
    assert (c.channel, c.status, c.csat, c.customer_name) == ("chat", "resolved", 1.0, "Ines")
    assert c.messages[2].text == "Thanks!"
    assert c.resolved_at == parse_time("2024-03-05T09:00:00Z")


def test_intercom_conversation_with_parts(write: Write, read_all: ReadAll) -> None:
    path = write("ic.json", json.dumps(INTERCOM))
    assert detect(path) == "intercom"
    convs, issues = read_all(intercom.read, path)
    assert issues == []
    c = convs[0]
    assert [(m.role, m.author) for m in c.messages] == [("customer", "Olu"), ("agent", "Wen"), ("note", "Wen")]
    assert c.messages[0].text == "My app keeps crashing & I need it today"
    assert (c.csat, c.agent, c.customer_id) == (0.75, "Wen", "u1")


# -------------------------------------------------------------------------------- generic rows

HEADER = "conversation_id,role,author,timestamp,channel,text,csat,nps\n"


def test_csv_rows_group_into_conversations(write: Write, read_all: ReadAll) -> None:
    path = write(
        "m.csv",
        HEADER
        + "1,customer,Ana,2024-03-04T09:00:00Z,chat,My parcel is late,,\n"
        + '1,agent,Sam,2024-03-04 09:05,chat,"Hi Ana, sorry! I\'ll check, and\nget back to you today.",good,9\n'
        + "2,end-user,Bo,1709546400,email,Where is my refund?,,\n",
    )
    assert detect(path) == "csv"
    convs, issues = read_all(generic.read_csv, path)
    assert issues == []
    assert [(c.id, len(c.messages)) for c in convs] == [("1", 2), ("2", 1)]
    assert (convs[0].csat, convs[0].nps, convs[0].channel) == (1.0, 9, "chat")
    assert convs[1].messages[0].line == 5  # the quoted newline made row 2 two lines long


def test_csv_bad_rows_are_reported_with_line_field_and_reason(write: Write, read_all: ReadAll) -> None:
    rows = [
        "1,customer,Ana,2024-03-04T09:00:00Z,chat,Late again,,",  # 2 ok
        "1,robot,X,2024-03-04T09:01:00Z,chat,beep,,",  # 3 unknown role
        "1,agent,Sam,2024-03-04T09:02:00Z,chat,,,",  # 4 empty text
        "1,agent,Sam,2024-03-04T09:03:00Z,chat,Sorry, truly, so sorry,,",  # 5 too many fields
        "1,agent,Sam,not a time,chat,I'm on it,eleven,",  # 6 bad time and csat: kept
        ",agent,Sam,2024-03-04T09:05:00Z,chat,No id,,",  # 7 no conversation id
        "2,customer,Bo,2024-03-04T10:00:00Z,chat,Hello",  # 8 short row, required fields there: kept
    ]
    convs, issues = read_all(generic.read_csv, write("m.csv", HEADER + "\n".join(rows) + "\n"))
    found = {(i.line, i.field, i.severity) for i in issues}
    assert (3, "role", "error") in found
    assert (4, "text", "error") in found
    assert (5, "(csv)", "error") in found
    assert (6, "timestamp", "warning") in found and (6, "csat", "warning") in found
    assert (7, "conversation_id", "error") in found
    assert (8, "(csv)", "warning") in found
    assert [[m.line for m in c.messages] for c in convs] == [[2, 6], [8]]
    assert all(i.file.endswith("m.csv") and i.reason for i in issues)


def test_csv_in_latin1_is_repaired_row_by_row(write: Write, read_all: ReadAll) -> None:
    content = (HEADER + "1,customer,Zoé,,email,Où est ma commande ?,,\n").encode("cp1252")
    convs, issues = read_all(generic.read_csv, write("m.csv", content))
    assert convs[0].messages[0].text == "Où est ma commande ?"
    assert convs[0].messages[0].author == "Zoé"
    assert {(i.line, i.severity) for i in issues} == {(2, "warning")}


def test_csv_semicolons_aliases_and_a_nul_byte(write: Write, read_all: ReadAll) -> None:
    content = "Ticket ID;Role;Body\n1;customer;Hi\n1;agent;Hel\x00lo\n1;agent;Sorted it for you.\n"
    convs, issues = read_all(generic.read_csv, write("m.csv", content))
    assert [m.text for m in convs[0].messages] == ["Hi", "Sorted it for you."]
    assert [(i.line, i.field, i.reason) for i in issues] == [
        (3, "text", "holds NUL bytes (binary data, not text); message skipped")
    ]


def test_rows_of_a_conversation_that_come_back_later_are_a_second_part(write: Write, read_all: ReadAll) -> None:
    content = HEADER + "1,customer,A,,,a,,\n2,customer,B,,,b,,\n1,agent,S,,,c,,\n"
    convs, issues = read_all(generic.read_csv, write("m.csv", content))
    assert [c.id for c in convs] == ["1", "2", "1~2"]
    assert [i.severity for i in issues] == ["warning"]


def test_jsonl_and_parquet_rows(write: Write, tmp_path: Path, sample: list[Any], read_all: ReadAll) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [r for c in sample[:5] for r in exports.message_rows(c)]
    path = write("m.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    assert detect(path) == "jsonl"
    from_jsonl, issues = read_all(generic.read_jsonl, path)
    assert issues == []
    parquet = tmp_path / "m.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    assert detect(parquet) == "parquet"
    from_parquet, issues = read_all(generic.read_parquet, parquet)
    assert issues == []
    strip = [(c.id, [(m.role, m.text, m.timestamp) for m in c.messages]) for c in from_jsonl]
    assert strip == [(c.id, [(m.role, m.text, m.timestamp) for m in c.messages]) for c in from_parquet]
    assert [c.id for c in from_jsonl] == [c.id for c in sample[:5]]


# -------------------------------------------------------------------------------- not an export


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.json", "", "empty"),
        ("notes.txt", "Dear diary,\ntoday was long.\n", "not an export"),
        ("data.csv", "name,email\nAna,a@x.org\n", "not an export"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "binary"),
        ("config.json", '{"debug": true, "level": 3}', "not an export"),
        ("list.json", "[1, 2, 3]", "not an export"),
        ("broken.json", "hello", "not JSON"),
    ],
)
def test_a_file_that_is_not_an_export_gets_one_clear_error(
    write: Write, name: str, content: str | bytes, words: str
) -> None:
    path = write(name, content)
    with pytest.raises(NotAnExportError) as info:
        detect(path)
    assert words in str(info.value)
    assert info.value.code == "E130" and info.value.exit_code == 2
    assert "conversation_id, role and text" in str(info.value) or "empty" in words or "binary" in words


def test_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(NotAnExportError, match="no such file"):
        open_exports([tmp_path / "nope.json"])
    with pytest.raises(NotAnExportError, match="folder"):
        open_exports([tmp_path])
    with pytest.raises(NotAnExportError, match="unknown export shape"):
        open_exports([tmp_path], "helpscout")


def test_every_reader_streams_from_a_binary_file() -> None:
    for shape, reader in READERS.items():
        if shape == "parquet":
            continue
        issues: list[Any] = []
        assert list(reader(io.BytesIO(b"conversation_id,role,text\n"), shape, issues.append)) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("good", 1.0), ("bad", 0.0), (5, 1.0), ("3", 0.5), ("80%", 0.8), ("", None), ("offered", None)],
)
def test_csat_is_normalised(value: object, expected: float | None) -> None:
    assert csat_of(value) == expected


@pytest.mark.parametrize("value", ["7", 0, "great", "120%", True])
def test_bad_csat_is_an_error(value: object) -> None:
    with pytest.raises(ValueError):
        csat_of(value)

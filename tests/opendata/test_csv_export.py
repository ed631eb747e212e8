import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_audience, make_case, make_sector, make_theme, make_tool


def read_csv(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_is_excel_friendly_with_danish_headers(client, catalogue):
    response = client.get("/vaerktoejer/eksport.csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "vaerktoejer.csv" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:4] == ["ID", "Titel", "Resumé", "Format"]
    assert "Målgrupper" in header and "Senest gennemgået" in header
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Titel"] == catalogue["public"].title
    assert row["Sektorer"] == "Produktion og fremstilling"
    # From the request, not the Site record (core.links).
    assert row["Link"] == "http://testserver" + catalogue["public"].url
    assert row["Brugt i cases"] == "1"


def test_csv_cells_cannot_become_spreadsheet_formulas(client, db):
    make_tool(title='=HYPERLINK("http://example.com")', summary="+1 til sikkerhed")
    header, row = read_csv(client.get("/vaerktoejer/eksport.csv"))
    data = dict(zip(header, row, strict=True))
    assert data["Titel"].startswith("'=")
    assert data["Resumé"].startswith("'+")


def test_csv_takes_the_listing_filters(client, catalogue):
    make_tool(title="Uden sektor")
    _, *rows = read_csv(client.get("/vaerktoejer/eksport.csv?sektor=produktion"))
    assert [row[1] for row in rows] == [catalogue["public"].title]
    assert client.get("/vaerktoejer/eksport.csv?sektor=ukendt").status_code == 400


def test_csv_lists_terms_in_vocabulary_order_and_tags_by_name(client, db):
    # Created out of order: the row follows sort_order, then the name.
    late = make_sector("Handel", sort_order=2)
    early = make_sector("Produktion", sort_order=1)
    also_early = make_sector("Bygge og anlæg", sort_order=1)
    themes = [make_theme("Værktøjer"), make_theme("Arbejdsmiljø")]
    audiences = [make_audience("Ledere"), make_audience("HR")]
    make_tool(
        title="Mange termer",
        sectors=[late, early, also_early],
        themes=themes,
        audiences=audiences,
        tags=["sikkerhed", "ai", "Øvelse"],
    )
    make_tool(title="Ingen termer")
    header, *rows = read_csv(client.get("/vaerktoejer/eksport.csv"))
    none, many = (dict(zip(header, row, strict=True)) for row in rows)
    assert many["Sektorer"] == "Bygge og anlæg; Produktion; Handel"
    assert many["Temaer"] == "Arbejdsmiljø; Værktøjer"
    assert many["Målgrupper"] == "HR; Ledere"
    assert many["Nøgleord"] == "ai; sikkerhed; Øvelse"
    assert none["Sektorer"] == none["Temaer"] == none["Nøgleord"] == ""
    assert none["Brugt i cases"] == "0"


def export_queries(client):
    with CaptureQueriesContext(connection) as queries:
        _, *rows = read_csv(client.get("/vaerktoejer/eksport.csv"))
    return len(rows), len(queries)


def test_csv_runs_the_same_queries_for_3_tools_as_for_40(
    client, catalogue, monkeypatch
):
    """Issue 13: a fixed number of queries, not a few per chunk of rows.
    Every tool has terms, tags and a case, so nothing per row is skipped,
    and the rows are read in chunks of 10, so 40 rows are several chunks."""
    monkeypatch.setattr("portal.exports.CHUNK_SIZE", 10)

    def add_tools(count):
        for number in range(count):
            tool = make_tool(
                catalogue["partner"],
                title=f"Værktøj {number:02d}",
                sectors=[catalogue["sector"]],
                themes=[catalogue["theme"]],
                audiences=[catalogue["audience"]],
                tags=[f"emne {number}", "ai"],
            )
            make_case(catalogue["partner"], tools=[tool])

    add_tools(2)
    few_rows, few = export_queries(client)
    add_tools(37)
    many_rows, many = export_queries(client)
    assert (few_rows, many_rows) == (3, 40)
    assert many == few

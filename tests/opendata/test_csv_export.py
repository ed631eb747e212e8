import csv
import io

from tests.factories import make_tool


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
    assert row["Link"] == catalogue["public"].get_full_url()
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


def test_csv_query_count_does_not_grow_with_the_catalogue(
    client, catalogue, django_assert_max_num_queries
):
    for number in range(12):
        make_tool(title=f"Værktøj {number}", sectors=[catalogue["sector"]])
    with django_assert_max_num_queries(20):
        read_csv(client.get("/vaerktoejer/eksport.csv"))

import pytest

from app import service


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setattr(service, "DATABASE", str(tmp_path / "test.sqlite3"))
    monkeypatch.setattr(service, "CHECK_TARGETS", False)
    service.app.config["TESTING"] = True
    with service.app.test_client() as c:
        yield c


def test_a_link_is_made_and_followed(client):
    made = client.post("/links", json={"url": "https://example.org/a/long/path"})
    assert made.status_code == 201
    code = made.get_json()["code"]
    followed = client.get("/" + code)
    assert followed.status_code == 302
    assert followed.headers["Location"] == "https://example.org/a/long/path"
    assert client.get(f"/links/{code}/stats").get_json()["hits"] == 1


def test_a_link_that_is_not_http_is_refused(client):
    assert client.post("/links", json={"url": "ftp://example.org/file"}).status_code == 400


def test_an_unknown_code_is_not_found(client):
    assert client.get("/nothing").status_code == 404

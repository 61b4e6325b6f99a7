"""The shortlink web service: POST /links makes a short link, GET /<code> follows it."""

import os
import secrets
import sqlite3
from urllib.parse import urlparse

import requests
from flask import Flask, abort, g, jsonify, redirect, request

DATABASE = os.environ.get("SHORTLINK_DB", "shortlink.sqlite3")
CHECK_TARGETS = os.environ.get("SHORTLINK_CHECK_TARGETS", "1") == "1"

app = Flask(__name__)


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.execute(
            "CREATE TABLE IF NOT EXISTS links (code TEXT PRIMARY KEY, url TEXT NOT NULL, hits INTEGER DEFAULT 0)"
        )
    return g.db


@app.teardown_appcontext
def close(_):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def reachable(url):
    """Whether the target answers at all (HEAD, 5 s), so that dead links are refused up front."""
    try:
        return requests.head(url, timeout=5, allow_redirects=True).status_code < 500
    except requests.RequestException:
        return False


@app.post("/links")
def create():
    url = (request.get_json(silent=True) or {}).get("url", "")
    if urlparse(url).scheme not in ("http", "https"):
        abort(400, "url must be an http or https URL")
    if CHECK_TARGETS and not reachable(url):
        abort(422, "the target does not answer")
    code = secrets.token_urlsafe(5)
    conn = db()
    conn.execute("INSERT INTO links (code, url) VALUES (?, ?)", (code, url))
    conn.commit()
    return jsonify(code=code, short=request.host_url + code), 201


@app.get("/<code>")
def follow(code):
    conn = db()
    row = conn.execute("SELECT url FROM links WHERE code = ?", (code,)).fetchone()
    if row is None:
        abort(404)
    conn.execute("UPDATE links SET hits = hits + 1 WHERE code = ?", (code,))
    conn.commit()
    return redirect(row[0], code=302)


@app.get("/links/<code>/stats")
def stats(code):
    row = db().execute("SELECT url, hits FROM links WHERE code = ?", (code,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(code=code, url=row[0], hits=row[1])


def main():
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))


if __name__ == "__main__":
    main()

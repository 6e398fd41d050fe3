"""A PostgREST-protocol test server over a real PostgreSQL: just the subset the Supabase store uses.

Follows https://postgrest.org/en/stable/references/api/tables_views.html (filters, logical operators and
reserved characters), with the or/and grammar as PostgREST's parser has it (pLogicTree in
src/PostgREST/ApiRequest/QueryParams.hs) and like/ilike reading * as % (SqlFragment.hs).
Requests carry Supabase keys (HS256 JWTs with a `role` claim); each request runs in a transaction under that
role, so grants and row level security apply as they do on Supabase. A query PostgREST cannot parse gets its
400 body (PGRST100, the parse position and what was expected); one PostgREST accepts but this server does
not implement gets a PGRST100 saying so, so a query this server does not understand fails loudly.
`ov` (overlap, &&) follows the operator table of that page ("also supports array types, use curly braces ...
e.g. ?arr=ov.{1,3}"): as PostgREST does, the operand goes to PostgreSQL as one untyped literal, which PostgreSQL
reads as the column's type, so a malformed array literal is PostgreSQL's 22P02 and a column that is not an array or
a range is its 42883 (https://www.postgresql.org/docs/15/arrays.html#ARRAYS-INPUT).

As strict as Supabase on what the app relies on:
- an rpc to a function the database does not have (a migration not applied) is 404 PGRST202, from PostgREST's
  schema cache (https://postgrest.org/en/stable/references/errors.html);
- a key the project does not know is refused by Supabase's API gateway before PostgREST, with 401
  {"message": "Invalid API key", "hint": ...} and no code (as quoted in
  https://github.com/supabase-community/supabase-csharp/issues/108);
- every read returns at most `max_rows` rows (db-max-rows, 1,000 by default on Supabase), silently:
  https://postgrest.org/en/stable/references/configuration.html#db-max-rows and
  https://supabase.com/docs/reference/javascript/select ("a maximum of 1,000 rows");
- with `Prefer: count=exact`, a page that is not the whole answer is 206, and an offset past the last row is
  416 PGRST103 (https://postgrest.org/en/stable/references/api/pagination_count.html);
- request bodies reach PostgreSQL as JSON (as PostgREST's json_to_recordset does), so PostgreSQL itself refuses
  what it cannot store, e.g. a NUL character with 22P05 (https://www.postgresql.org/docs/15/datatype-json.html).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import queue
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NoReturn
from urllib.parse import parse_qsl, urlparse

from tests.fakes.http import JSONHandler, LocalServer, StatefulServer

RELATIONS = {
    "customers",
    "sales_scripts",
    "call_transcripts",
    "call_list",
    "work_leases",
}  # the tables, and the view of the page
FUNCTIONS = {"call_stats", "call_page", "create_call_once", "claim_lease"}
OPERATORS = {"eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "like": "LIKE", "ilike": "ILIKE"}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
# Operators PostgREST knows that this server does not implement in a logic tree (ov is a top-level filter only);
# a request using them is valid, not malformed.
_OTHER_OPERATORS = {"cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj", "match", "imatch", "isdistinct"}
_FTS = re.compile(r"(fts|plfts|phfts|wfts)(\([^).]*\))?")
JWT_SECRET = "salesbot-test-jwt-secret-at-least-32-characters"
SUPABASE_MAX_ROWS = 1000  # a new Supabase project's "Max rows" API setting
INVALID_KEY = {"message": "Invalid API key", "hint": "Double check your Supabase `anon` or `service_role` API key."}


def make_key(role: str, secret: str = JWT_SECRET) -> str:
    """A Supabase-style API key: an HS256 JWT whose `role` claim picks the database role."""

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps({"role": role, "iss": "supabase-test"}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


def role_of(key: str, secret: str = JWT_SECRET) -> str | None:
    try:
        header, payload, signature = key.split(".")
        expected = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)), expected):
            return None
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return None
    role = claims.get("role")
    return role if role in {"anon", "authenticated", "service_role"} else None


class Unsupported(Exception):
    """A request outside the subset: answered with PostgREST's 400 body."""


class Malformed(Exception):
    """A query parameter PostgREST's own parser rejects: its PGRST100 message and details."""

    def __init__(self, message: str, details: str) -> None:
        super().__init__(message)
        self.message, self.details = message, details


class LogicTree:
    """`or=(...)` / `and=(...)` (and not.) as SQL with parameters, parsed as PostgREST's pLogicTree does.

    Values may be double-quoted, with backslash escaping any character, so that , ( ) . : stay data; an
    unquoted value runs to the next , or ). Inside a tree: eq, neq, gt, gte, lt, lte, like, ilike and is (null, true,
    false, unknown: "is: checking for exact equality (null,not_null,true,false,unknown)" on the operators table).
    """

    def __init__(self, key: str, value: str) -> None:
        self.source, self.text, self.pos = value, key + value, 0
        self.params: list[Any] = []

    def sql(self) -> str:
        condition = self._tree()
        if self.pos != len(self.text):  # PostgREST ignores what follows the tree; a client sending it has a bug
            self._fail("end of input")
        return condition

    def _fail(self, expecting: str) -> NoReturn:
        found = f'"{self.text[self.pos]}"' if self.pos < len(self.text) else "end of input"
        message = f'"failed to parse logic tree ({self.source})" (line 1, column {self.pos + 1})'
        raise Malformed(message, f"unexpected {found} expecting {expecting}")

    def _skip_blanks(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def _tree(self) -> str:
        self._skip_blanks()
        group = re.compile(r"(not\.)?(and|or)[ \t]*\(").match(self.text, self.pos)
        if group is None:
            return self._filter()
        self.pos = group.end()
        parts = [self._tree()]
        self._skip_blanks()
        while self.text.startswith(",", self.pos):
            self.pos += 1
            parts.append(self._tree())
            self._skip_blanks()
        if not self.text.startswith(")", self.pos):
            self._fail('"," or ")"')
        self.pos += 1
        self._skip_blanks()
        joined = f" {group.group(2).upper()} ".join(f"({p})" for p in parts)
        return ("NOT " if group.group(1) else "") + f"({joined})"

    def _filter(self) -> str:
        if self.text.startswith('"', self.pos):
            raise Unsupported("quoted column names")
        name = re.compile(r"[\w $]+(?:-(?!>)[\w $]+)*").match(self.text, self.pos)
        if name is None:
            self._fail("field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)")
        column = name.group(0).strip()
        self.pos = name.end()
        if self.text.startswith("->", self.pos):
            raise Unsupported("JSON paths in a logic tree")
        if not _IDENT.match(column):
            raise Unsupported(f"column {column!r} in a logic tree")
        self._skip_blanks()
        if not self.text.startswith(".", self.pos):
            self._fail("delimiter (.)")
        self.pos += 1
        negate = self.text.startswith("not.", self.pos)
        self.pos += 4 if negate else 0
        end = self.text.find(".", self.pos)
        if end < 0:
            self.pos = len(self.text)
            self._fail("delimiter (.)")
        operator = self.text[self.pos : end]
        if operator == "is":  # is.null, is.true, is.false, is.unknown: a keyword, never a parameter
            keyword = re.compile(r"(null|true|false|unknown)(?=[,)]|$)").match(self.text, end + 1)
            if keyword is None:
                raise Unsupported(f"is.{self.text[end + 1 :]} in a logic tree")
            self.pos = keyword.end()
            return ("NOT " if negate else "") + f'"{column}" IS {keyword.group(1).upper()}'
        if operator == "in" or operator in _OTHER_OPERATORS or _FTS.fullmatch(operator):
            raise Unsupported(f"operator {operator!r} in a logic tree")
        if operator not in OPERATORS:
            raise Malformed(
                f'"failed to parse logic tree ({self.source})" (line 1, column {end + 2})',
                f"unknown single value operator {operator}",
            )
        self.pos = end + 1
        value = self._value()
        self.params.append(value.replace("*", "%") if operator in {"like", "ilike"} else value)
        return ("NOT " if negate else "") + f'"{column}" {OPERATORS[operator]} %s'

    def _value(self) -> str:
        if self.text.startswith("{", self.pos):
            raise Unsupported("array values in a logic tree")
        if self.text.startswith('"', self.pos):  # quoted, if a , or ) (or the end) follows the closing quote
            quoted = re.compile(r'"((?:[^\\"]|\\.)*)"(?=[,)]|$)', re.DOTALL).match(self.text, self.pos)
            if quoted:
                self.pos = quoted.end()
                return re.sub(r"\\(.)", r"\1", quoted.group(1), flags=re.DOTALL)
        unquoted = re.compile(r"[^,)]*").match(self.text, self.pos)
        assert unquoted is not None  # matches the empty string at worst
        self.pos = unquoted.end()
        return unquoted.group(0)


@dataclass
class PostgrestState:
    dsn: str
    requests: list[tuple[str, str]] = field(default_factory=list)
    down: bool = False  # answer every request with 503, as a proxy in front of a sleeping project would
    max_rows: int | None = SUPABASE_MAX_ROWS  # None: no cap (PostgREST's own default)
    pool: queue.LifoQueue[Any] = field(default_factory=queue.LifoQueue)  # idle connections, as PostgREST keeps

    @contextmanager
    def connection(self) -> Iterator[Any]:
        import psycopg
        from psycopg.rows import dict_row

        try:
            conn = self.pool.get_nowait()
        except queue.Empty:
            conn = psycopg.connect(self.dsn, row_factory=dict_row)
        try:
            with conn.transaction():
                yield conn
        finally:
            if conn.closed or conn.broken:
                conn.close()
            else:
                self.pool.put(conn)


class _Handler(JSONHandler):
    server: StatefulServer[PostgrestState]

    def _error(self, status: int, code: str, message: str, details: str | None = None, hint: str | None = None) -> None:
        self.send_json(status, {"code": code, "message": message, "details": details, "hint": hint})

    def _handle(self, method: str) -> None:
        state = self.server.state
        state.requests.append((method, self.path))
        body = self.read_json() if method in {"POST", "PATCH"} else None
        if method == "DELETE":  # postgrest-py sends "{}" with a DELETE; PostgREST reads and ignores it
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if state.down:
            return self.send_raw(503, b"<html>Service Unavailable</html>", "text/html")
        url = urlparse(self.path)
        if role_of(self.headers.get("apikey", "")) is None:  # the gateway knows only the project's own keys
            return self.send_json(401, INVALID_KEY)
        role = role_of(self.headers.get("Authorization", "").removeprefix("Bearer "))
        if role is None:  # the key passed the gateway, but the JWT PostgREST checks does not verify
            return self._error(401, "PGRST301", "JWSError JWSInvalidSignature")
        rpc = re.fullmatch(r"/rest/v1/rpc/([a-z_]+)", url.path)
        if rpc and method == "POST" and isinstance(body, dict):
            names = list(body)
            if not all(_IDENT.match(n) for n in names):
                return self._error(400, "PGRST100", "This test server does not support: argument names")
            if not self._function_exists(rpc.group(1), names):  # PostgREST looks in its schema cache first
                name, wanted = f"public.{rpc.group(1)}", ", ".join(sorted(names))
                details = (f"Searched for the function {name} with parameters {wanted} or with a single unnamed"
                           " json/jsonb parameter, but no matches were found in the schema cache.")  # fmt: skip
                return self._error(
                    404, "PGRST202", f"Could not find the function {name}({wanted}) in the schema cache", details
                )
            if rpc.group(1) not in FUNCTIONS:
                return self._error(400, "PGRST100", f"This test server does not support: rpc/{rpc.group(1)}")
            args = ", ".join(f'"{n}" => %s::jsonb' for n in names)
            return self._execute(
                role,
                f"SELECT public.{rpc.group(1)}({args}) AS result",
                [json.dumps(body[n]) for n in names],
                scalar=True,
            )
        match = re.fullmatch(r"/rest/v1/([a-z_]+)", url.path)
        if not match or match.group(1) not in RELATIONS:
            return self._error(
                404, "PGRST205", f"Could not find the table 'public.{url.path.rsplit('/', 1)[-1]}' in the schema cache"
            )
        try:
            sql, params = self._sql(method, match.group(1), parse_qsl(url.query, keep_blank_values=True), body)
        except Unsupported as e:
            return self._error(400, "PGRST100", f"This test server does not support: {e}")
        except Malformed as e:
            return self._error(400, "PGRST100", e.message, e.details)
        count_sql = ""
        if method == "GET" and "count=exact" in self.headers.get("Prefer", ""):
            count_sql = f'SELECT count(*) AS count FROM public."{match.group(1)}"{self._condition}'
        self._execute(role, sql, params, count_sql=count_sql)

    def _function_exists(self, name: str, arguments: list[str]) -> bool:
        """A function of that name in public taking the argument names sent, as PostgREST's schema cache finds it
        (a role without EXECUTE on it then gets PostgreSQL's own 42501)."""
        with self.server.state.connection() as conn:
            found = conn.execute(
                "select 1 from pg_proc where proname = %s and pronamespace = 'public'::regnamespace"
                " and coalesce(proargnames, '{}') @> %s::text[] and %s::text[] @> coalesce(proargnames, '{}')",
                [name, arguments, arguments],
            ).fetchone()
        return found is not None

    def _execute(self, role: str, sql: str, params: list[Any], scalar: bool = False, count_sql: str = "") -> None:
        import psycopg

        try:
            with self.server.state.connection() as conn:
                conn.execute(f"SET LOCAL ROLE {role}")
                found = conn.execute(sql, params).fetchall()
                total = conn.execute(count_sql, params).fetchone() if count_sql else None
        except psycopg.Error as e:
            diag = e.diag
            code = diag.sqlstate or "XX000"
            status = {"23505": 409, "23503": 409, "42501": 401 if role == "anon" else 403}.get(code, 400)
            return self._error(status, code, diag.message_primary or str(e), diag.message_detail, diag.message_hint)
        if scalar:
            return self.send_json(200, found[0]["result"])
        rows = [{k: v.isoformat() if isinstance(v, datetime) else v for k, v in r.items()} for r in found]
        prefer = self.headers.get("Prefer", "")
        if self.command in {"POST", "PATCH", "DELETE"} and "return=representation" not in prefer:
            return self.send_raw(201 if self.command == "POST" else 204, b"", "application/json")
        status, content_range = 201 if self.command == "POST" else 200, "*/*"
        if self.command == "GET":  # PostgREST's rangeStatusHeader (src/PostgREST/RangeQuery.hs)
            lower, upper = self._offset, self._offset + len(rows) - 1
            known = None if total is None else int(total["count"])
            if known is not None and lower > known:
                details = f"An offset of {lower} was requested, but there are only {known} rows."
                return self._error(416, "PGRST103", "Requested range not satisfiable", details)
            status = 206 if known is not None and len(rows) < known else 200
            shown = f"{lower}-{upper}" if rows else "*"
            content_range = f"{shown}/{'*' if known is None else known}"
        self.send_response(status)
        data = json.dumps(rows).encode()
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Range", content_range)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _sql(self, method: str, table: str, query: list[tuple[str, str]], body: Any) -> tuple[str, list[Any]]:
        if self.headers.get("Accept", "application/json").startswith("application/vnd.pgrst"):
            raise Unsupported("singular responses (Accept: application/vnd.pgrst.object+json)")
        if "resolution=" in self.headers.get("Prefer", ""):
            raise Unsupported("upserts")
        where: list[str] = []
        params: list[Any] = []
        columns, order, limit, offset = "*", "", "", ""
        for name, value in query:
            if name == "select":
                cols = [c.strip() for c in value.split(",")]
                if value != "*" and not all(_IDENT.match(c) for c in cols):
                    raise Unsupported(f"select={value} (embedding, renaming and casts)")
                columns = value if value == "*" else ", ".join(f'"{c}"' for c in cols)
            elif name == "order":
                parts = []
                for term in value.split(","):
                    col, *modifiers = term.split(".")
                    direction = next((m for m in modifiers if m in {"asc", "desc"}), "asc")
                    nulls = next((m for m in modifiers if m in {"nullsfirst", "nullslast"}), "")
                    if not _IDENT.match(col) or set(modifiers) - {"asc", "desc", "nullsfirst", "nullslast"}:
                        raise Unsupported(f"order={value}")
                    parts.append(f'"{col}" {direction.upper()}' + (f" NULLS {nulls[5:].upper()}" if nulls else ""))
                order = " ORDER BY " + ", ".join(parts)
            elif name in {"limit", "offset"}:
                if not value.isdigit():
                    raise Unsupported(f"{name}={value}")
                limit, offset = (
                    (f" LIMIT {int(value)}", offset) if name == "limit" else (limit, f" OFFSET {int(value)}")
                )
            elif name == "columns":  # a bulk insert names its columns; they must match the rows
                wanted = [c.strip().strip('"') for c in value.split(",")]
                if not isinstance(body, list) or any(sorted(wanted) != sorted(r) for r in body):
                    raise Unsupported(f"columns={value} that differ from the rows")
            elif name == "on_conflict":
                raise Unsupported(name)
            elif name in {"or", "and", "not.or", "not.and"}:
                tree = LogicTree(name, value)
                where.append(tree.sql())
                params += tree.params
            else:
                if not _IDENT.match(name):
                    raise Unsupported(f"filter {name}")
                operator, _, operand = value.partition(".")
                if operator in OPERATORS:
                    where.append(f'"{name}" {OPERATORS[operator]} %s')
                    params.append(operand.replace("*", "%") if operator in {"like", "ilike"} else operand)
                elif operator == "in" and operand.startswith("(") and operand.endswith(")"):
                    items = [i.strip().strip('"') for i in operand[1:-1].split(",") if i.strip()]
                    if not items:
                        raise Unsupported(f"an empty in-list in {name}")
                    where.append(f'"{name}" IN ({", ".join(["%s"] * len(items))})')  # typed by the column
                    params += items
                elif (fts := re.fullmatch(r"fts\(([a-z_]+)\)", operator)) is not None:
                    where.append(f'"{name}" @@ to_tsquery(%s::regconfig, %s)')
                    params += [fts.group(1), operand]
                elif operator == "ov":  # one untyped literal: PostgreSQL parses it as the column's array or range
                    where.append(f'"{name}" && %s')
                    params.append(operand)
                elif operator == "is" and operand in {"null", "true", "false"}:
                    where.append(f'"{name}" IS {operand.upper()}')
                else:
                    raise Unsupported(f"operator {operator!r} in {name}={value}")
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        self._condition = condition
        self._offset = int(offset.split()[-1]) if offset else 0
        if method == "GET":
            cap = self.server.state.max_rows  # db-max-rows: no read returns more, whatever limit was asked for
            if cap is not None:
                limit = f" LIMIT {min(int(limit.split()[-1]), cap) if limit else cap}"
            return f'SELECT {columns} FROM public."{table}"{condition}{order}{limit}{offset}', params
        if method == "DELETE":
            if not where:
                raise Unsupported("DELETE without a filter")
            return f'DELETE FROM public."{table}"{condition} RETURNING *', params
        records = body if isinstance(body, list) else [body]
        if not records or not all(isinstance(r, dict) and r for r in records):
            raise Unsupported("an empty body")
        keys = list(records[0])
        if not all(_IDENT.match(k) for k in keys) or any(list(r) != keys for r in records):
            raise Unsupported("rows with different columns")
        # As PostgREST does (json_to_recordset): the body goes to PostgreSQL as JSON, which converts each value to
        # its column's type, and refuses what it cannot store (\u0000 in text or jsonb: 22P05).
        quoted = ", ".join(f'"{k}"' for k in keys)
        if method == "POST":
            source = f'json_populate_recordset(NULL::public."{table}", %s::json)'
            return f'INSERT INTO public."{table}" ({quoted}) SELECT {quoted} FROM {source} RETURNING *', [
                json.dumps(records)
            ]
        if method == "PATCH":
            if len(records) != 1:
                raise Unsupported("PATCH with a list")
            source = f'json_populate_record(NULL::public."{table}", %s::json)'
            sql = f'UPDATE public."{table}" SET ({quoted}) = (SELECT {quoted} FROM {source}){condition} RETURNING *'
            return sql, [json.dumps(records[0]), *params]
        raise Unsupported(f"method {method}")

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")


class PostgrestServer(LocalServer[PostgrestState]):
    def __init__(self, dsn: str) -> None:
        super().__init__(_Handler, PostgrestState(dsn))

    def __enter__(self) -> PostgrestServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

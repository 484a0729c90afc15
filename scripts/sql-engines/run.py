#!/usr/bin/env python3
"""Runs Personas' scoring SQL in real engines and checks every row against the CLI.

For each engine (SQLite, DuckDB, PostgreSQL, Spark SQL in local mode) and each data set (the
bundled sample segmented by k-means, by a Gaussian mixture (`--method gmm --covariance full`,
whose query scores each segment's Gaussian log-density) and by a latent class model
(`--method latent-class`, whose query adds up each segment's points per answer), and a generated table whose column names
and levels are hostile: quotes,
backticks, backslashes, comment markers, a newline, non-ASCII text, a crafted level that tries to
add a sub-query), the table is loaded twice: natively typed (DOUBLE, BOOLEAN, DATE, NULL for an
empty cell) and with every column as text ('' for an empty cell). Both queries run on both tables:
`export-sql` (segment, segment_name, distance, typing_tool_segment must equal `personas assign`
and `personas assign --typing-tool`, distances to 1e-9 relative) and `typing-tool.sql` for each
typing-tool method, the tree and the golden questions (`--method lda`) (segment must equal
`personas type` with that tool). Engines run on their default settings (Spark included). The
sample's model log-transforms two skewed counts (`--transform`, one with empty cells), so each
engine's `LN(1.0 + x)` is checked row for row too.

Usage: run.py [--engines sqlite,duckdb,postgres,spark] [--personas .build/release/personas]
Prints one line per check and closes with 'N passed, N failed'; exits 1 on any failure.
"""

import argparse
import csv
import datetime
import glob
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DIALECT = {"sqlite": "sqlite", "duckdb": "ansi", "postgres": "postgres", "spark": "spark"}
SECRET = "TOPSECRET-7431"
NUMBER_TYPES = {"numeric", "integer"}
# The typing-tool methods whose typing-tool.sql is checked: the tree and the golden questions.
TOOL_METHODS = ("tree", "lda")


# --- Personas CLI ---------------------------------------------------------------------------------

def personas(binary, *arguments):
    """Runs the CLI quietly; its messages are shown only when it fails."""
    done = subprocess.run([binary, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"personas {arguments[0]} failed ({done.returncode}):\n{done.stderr}")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Case:
    """One data set: its rows, column types, the queries per dialect and the CLI's rows."""

    def __init__(self, name, binary, csv_path, schema_path, work, dialects, k, questions=None, segment_options=()):
        self.name = name
        folder = os.path.join(work, name)
        os.makedirs(folder, exist_ok=True)
        with open(schema_path, encoding="utf-8") as handle:
            schema = json.load(handle)
        self.types = {c["name"]: c["type"] for c in schema["columns"]}
        with open(csv_path, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            self.columns = next(reader)
            self.rows = [row for row in reader]
        self.key = next(c["name"] for c in schema["columns"] if c.get("role") == "identifier")
        segment = os.path.join(folder, "segment")
        personas(binary, "segment", csv_path, "--schema", schema_path, "--k", str(k), "--seed", "1",
                 "--quiet", "--force", "--out", segment, *segment_options)
        model = os.path.join(segment, "model.json")
        assigned, typed_by_model = os.path.join(folder, "assigned.csv"), os.path.join(folder, "assigned-tool.csv")
        personas(binary, "assign", model, csv_path, "--out", assigned)
        personas(binary, "assign", model, csv_path, "--typing-tool", "--out", typed_by_model)
        tool_segment = {r[self.key]: r["segment"] for r in read_csv(typed_by_model)}
        self.expected = {r[self.key]: (r["segment"], r["segment_name"], float(r["distance"]), tool_segment[r[self.key]])
                         for r in read_csv(assigned)}
        # Both typing-tool methods: the tree and the golden questions (linear discriminant points).
        self.model_sql = {}
        self.tool_sql = {method: {} for method in TOOL_METHODS}
        self.expected_tool = {}
        for dialect in dialects:
            out = os.path.join(folder, f"model-{dialect}.sql")
            personas(binary, "export-sql", model, "--dialect", dialect, "--out", out)
            with open(out, encoding="utf-8") as handle:
                self.model_sql[dialect] = handle.read()
            for method in TOOL_METHODS:
                tool = os.path.join(folder, f"typing-tool-{method}-{dialect}")
                personas(binary, "typing-tool", csv_path, "--schema", schema_path, "--labels",
                         os.path.join(segment, "assignments.csv"), "--seed", "1", "--method", method,
                         "--dialect", dialect, "--force", "--out", tool,
                         *(["--questions", ",".join(questions)] if questions else []))
                with open(os.path.join(tool, "typing-tool.sql"), encoding="utf-8") as handle:
                    self.tool_sql[method][dialect] = handle.read()
                if method not in self.expected_tool:
                    typed = os.path.join(folder, f"typed-{method}.csv")
                    personas(binary, "type", os.path.join(tool, "typing-tool.json"), csv_path, "--schema", schema_path,
                             "--out", typed)
                    self.expected_tool[method] = {r[self.key]: r["segment"] for r in read_csv(typed)}

    def native_value(self, column, text):
        """A cell as the native value an engine stores: None when empty."""
        kind = self.types.get(column, "categorical")
        text = text.strip()
        if text == "":
            return None
        if kind in NUMBER_TYPES:
            return float(text)
        if kind == "boolean":
            return text.lower() in ("true", "yes", "y", "t", "1")
        if kind == "date":
            return datetime.date.fromisoformat(text)
        return text


# --- Engines --------------------------------------------------------------------------------------

class Engine:
    """Loads a table (native or text) and runs a query, giving (column names, rows)."""

    native_types = {}

    def column_type(self, case, column, native):
        if not native:
            return self.text_type
        return self.native_types.get(case.types.get(column, "categorical"), self.text_type)

    def table_rows(self, case, native):
        if native:
            return [tuple(case.native_value(c, v) for c, v in zip(case.columns, row)) for row in case.rows]
        return [tuple(row) for row in case.rows]

    def close(self):
        pass


class DBAPIEngine(Engine):
    """An in-process engine with a Python DB-API connection and `?` parameters (SQLite, DuckDB)."""

    def stored(self, row):
        return row

    def load(self, case, native, table):
        quote = lambda name: '"' + name.replace('"', '""') + '"'
        definition = ", ".join(f"{quote(c)} {self.column_type(case, c, native)}" for c in case.columns)
        self.connection.execute(f"DROP TABLE IF EXISTS {quote(table)}")
        self.connection.execute(f"CREATE TABLE {quote(table)} ({definition})")
        rows = self.table_rows(case, native)
        marks = ", ".join("?" for _ in case.columns)
        self.connection.executemany(f"INSERT INTO {quote(table)} VALUES ({marks})",
                                    [self.stored(row) for row in rows] if native else rows)

    def secret(self):
        self.connection.execute(f"CREATE TABLE secrets (secret {self.text_type})")
        self.connection.execute("INSERT INTO secrets VALUES (?)", [SECRET])

    def query(self, sql):
        cursor = self.connection.execute(sql)
        return [d[0] for d in cursor.description], cursor.fetchall()


class SQLiteEngine(DBAPIEngine):
    """Python's sqlite3 module on Debian's libsqlite3 (the library the sqlite3 shell uses)."""

    name, text_type = "sqlite", "TEXT"
    native_types = {"numeric": "REAL", "integer": "REAL", "boolean": "INTEGER"}

    def __init__(self):
        self.connection = sqlite3.connect(":memory:")
        self.version = sqlite3.sqlite_version

    def stored(self, row):
        # SQLite has no boolean or date type: booleans as 0/1, dates as ISO text.
        return tuple(v.isoformat() if isinstance(v, datetime.date) else int(v) if isinstance(v, bool) else v for v in row)


class DuckDBEngine(DBAPIEngine):
    name, text_type = "duckdb", "VARCHAR"
    native_types = {"numeric": "DOUBLE", "integer": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}

    def __init__(self):
        import duckdb
        self.connection = duckdb.connect(":memory:")
        self.version = duckdb.__version__


class PostgresEngine(Engine):
    """A throwaway cluster in a temporary folder on a unix socket, as the postgres user when root."""

    name, text_type = "postgres", "TEXT"
    native_types = {"numeric": "DOUBLE PRECISION", "integer": "DOUBLE PRECISION", "boolean": "BOOLEAN", "date": "DATE"}

    def __init__(self):
        import psycopg
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not binaries:
            raise RuntimeError("PostgreSQL is not installed (scripts/sql-engines/setup.sh installs it)")
        self.bin = binaries[-1]
        self.folder = tempfile.mkdtemp(prefix="personas-pg-")
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        data = os.path.join(self.folder, "data")
        self.pg_ctl = [*self.as_user, os.path.join(self.bin, "pg_ctl"), "-D", data]
        subprocess.run([*self.as_user, os.path.join(self.bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale", "C"], check=True, stdout=subprocess.DEVNULL)
        options = f"-c listen_addresses='' -k {self.folder}"
        subprocess.run([*self.pg_ctl, "-o", options, "-l", os.path.join(self.folder, "log"), "-w", "start"],
                       check=True, stdout=subprocess.DEVNULL)
        self.connection = psycopg.connect(host=self.folder, user="postgres", dbname="postgres", autocommit=True)
        self.version = self.connection.execute("SHOW server_version").fetchone()[0]

    def load(self, case, native, table):
        from psycopg import sql as psql
        definition = psql.SQL(", ").join(
            psql.SQL("{} {}").format(psql.Identifier(c), psql.SQL(self.column_type(case, c, native))) for c in case.columns)
        self.connection.execute(psql.SQL("DROP TABLE IF EXISTS {}").format(psql.Identifier(table)))
        self.connection.execute(psql.SQL("CREATE TABLE {} ({})").format(psql.Identifier(table), definition))
        with self.connection.cursor() as cursor:
            with cursor.copy(psql.SQL("COPY {} FROM STDIN").format(psql.Identifier(table))) as copy:
                for row in self.table_rows(case, native):
                    copy.write_row(row)

    def secret(self):
        self.connection.execute("CREATE TABLE secrets (secret TEXT)")
        self.connection.execute("INSERT INTO secrets VALUES (%s)", (SECRET,))

    def query(self, sql):
        cursor = self.connection.execute(sql.encode("utf-8"))
        return [d.name for d in cursor.description], cursor.fetchall()

    def close(self):
        self.connection.close()
        subprocess.run([*self.pg_ctl, "-m", "fast", "-w", "stop"], check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(self.folder, ignore_errors=True)


class SparkEngine(Engine):
    """Spark SQL in local mode on its default SQL settings (ANSI mode as shipped, no quoting options)."""

    name, text_type = "spark", "STRING"

    def __init__(self):
        from pyspark.sql import SparkSession
        self.spark = (SparkSession.builder.master("local[2]").appName("personas-sql-engines")
                      .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                      .config("spark.sql.shuffle.partitions", "2")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")
        self.version = self.spark.version

    def load(self, case, native, table):
        from pyspark.sql import types as T
        native_types = {"numeric": T.DoubleType(), "integer": T.DoubleType(), "boolean": T.BooleanType(),
                        "date": T.DateType()}
        fields = [T.StructField(c, native_types.get(case.types.get(c, "categorical"), T.StringType()) if native
                                else T.StringType()) for c in case.columns]
        frame = self.spark.createDataFrame(self.table_rows(case, native), T.StructType(fields))
        frame.createOrReplaceTempView(table)

    def secret(self):
        self.spark.createDataFrame([(SECRET,)], "secret string").createOrReplaceTempView("secrets")

    def query(self, sql):
        frame = self.spark.sql(sql)
        return frame.columns, [tuple(row) for row in frame.collect()]

    def close(self):
        self.spark.stop()


ENGINES = {"sqlite": SQLiteEngine, "duckdb": DuckDBEngine, "postgres": PostgresEngine, "spark": SparkEngine}


# --- Checks ---------------------------------------------------------------------------------------

def compare_model(case, names, rows):
    """Mismatch descriptions between export-sql's rows and assign's (empty when they agree)."""
    problems = []
    index = {name: i for i, name in enumerate(names)}
    seen = set()
    for row in rows:
        key = row[index[case.key]]
        seen.add(key)
        if key not in case.expected:
            problems.append(f"unknown key {key!r}")
            continue
        segment, name, distance, tool = case.expected[key]
        got = row[index["segment"]], row[index["segment_name"]], row[index["distance"]], row[index["typing_tool_segment"]]
        if got[0] is None or str(int(got[0])) != segment:
            problems.append(f"{key!r}: segment {got[0]!r}, assign {segment}")
        elif got[1] != name:
            problems.append(f"{key!r}: segment_name {got[1]!r}, assign {name!r}")
        elif got[2] is None or abs(float(got[2]) - distance) > 1e-9 * max(1.0, abs(distance)):
            problems.append(f"{key!r}: distance {got[2]!r}, assign {distance!r}")
        if got[3] is None or str(int(got[3])) != tool:
            problems.append(f"{key!r}: typing_tool_segment {got[3]!r}, assign --typing-tool {tool}")
        if any(isinstance(v, str) and SECRET in v for v in row):
            problems.append(f"{key!r}: the secret reached the result")
    missing = set(case.expected) - seen
    if missing or len(rows) != len(case.expected):
        problems.append(f"{len(rows)} rows for {len(case.expected)} customers ({len(missing)} missing)")
    return problems


def compare_tool(case, names, rows, method):
    """Mismatch descriptions between typing-tool.sql's rows and `personas type`'s (one method's tool)."""
    expected = case.expected_tool[method]
    index = {name: i for i, name in enumerate(names)}
    problems = [f"{row[index[case.key]]!r}: segment {row[index['segment']]!r}, type {expected.get(row[index[case.key]])!r}"
                for row in rows if str(row[index["segment"]]) != expected.get(row[index[case.key]])]
    if len(rows) != len(expected):
        problems.append(f"{len(rows)} rows for {len(expected)} customers")
    return problems


# --- The hostile data set -------------------------------------------------------------------------

HOSTILE = {
    "key": "id'\"`\\",
    "amount": "spend 'q' \"dq\" `bt` \\",
    "visits": "visits--; /* c */ é",
    "flag": "opted\nin",
    "date": "first visit; DROP TABLE secrets; --",
    "channel": "channel\\",
}
LEVELS = ["x\\' || (SELECT max(secret) FROM secrets) || '", "a--b;c/*d", "line\nbreak", "café – ü 名",
          "trail\\", "tick`q\"dq", "${spark.app.name}", "plain"]


def write_hostile(folder, rows=800, seed=7):
    """A table whose names and levels contain every character that can break SQL text."""
    rng = random.Random(seed)
    path, schema = os.path.join(folder, "hostile.csv"), os.path.join(folder, "hostile.schema.json")
    names = HOSTILE
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([names[k] for k in ("key", "amount", "visits", "flag", "date", "channel")])
        for i in range(rows):
            group = rng.randrange(3)
            amount = "" if rng.random() < 0.03 else f"{rng.gauss(50 + 40 * group, 12):.3f}"
            visits = str(max(0, int(rng.gauss(5 + 4 * group, 2))))
            flag = rng.choice([["yes", "Y", "TRUE", "1"], ["no", "N", "false", "0"]][rng.random() < 0.3 + 0.2 * group])
            day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(900) + 200 * group)
            channel = "" if rng.random() < 0.03 else LEVELS[(group * 3 + rng.randrange(4)) % len(LEVELS)]
            writer.writerow([f"c{i:04d}", amount, visits, flag, day.isoformat(), channel])
    columns = [
        {"name": names["key"], "type": "identifier", "role": "identifier"},
        {"name": names["amount"], "type": "numeric"},
        {"name": names["visits"], "type": "integer"},
        {"name": names["flag"], "type": "boolean"},
        {"name": names["date"], "type": "date"},
        {"name": names["channel"], "type": "categorical"},
    ]
    with open(schema, "w", encoding="utf-8") as handle:
        json.dump({"version": 1, "columns": columns}, handle)
    return path, schema


# --- Main -----------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="sqlite,duckdb,postgres,spark")
    parser.add_argument("--personas", default=os.path.join(ROOT, ".build/release/personas"))
    parser.add_argument("--keep", action="store_true", help="keep the work folder (data, models, queries)")
    arguments = parser.parse_args()
    # Stopped by a signal, the engines still close (PostgreSQL's cluster stops, its folder goes).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    engines = [e for e in arguments.engines.split(",") if e]
    dialects = sorted({DIALECT[e] for e in engines})
    work = tempfile.mkdtemp(prefix="personas-sql-engines-")
    cases = [
        Case("sample", arguments.personas, os.path.join(ROOT, "examples/hcp-sample.csv"),
             os.path.join(ROOT, "examples/hcp-sample.schema.json"), work, dialects, k=5,
             # Two skewed counts (one with missing cells) log-transformed: LN(1.0 + x) in every engine.
             segment_options=["--transform", "monthly_rx=log,emails_opened=log"]),
        # The sample by a Gaussian mixture with full covariances: each segment's log-density as sums
        # of products with its precision Cholesky factor, then the most probable segment.
        Case("sample-gmm", arguments.personas, os.path.join(ROOT, "examples/hcp-sample.csv"),
             os.path.join(ROOT, "examples/hcp-sample.schema.json"), work, dialects, k=4,
             segment_options=["--method", "gmm", "--covariance", "full"]),
        # The sample by a latent class model: each segment's points per answer (CASE on a level,
        # a quadratic in a standardised number, 0 for a missing cell), summed, then the highest;
        # the log-transformed counts (one with empty cells) as continuous items.
        Case("sample-latent-class", arguments.personas, os.path.join(ROOT, "examples/hcp-sample.csv"),
             os.path.join(ROOT, "examples/hcp-sample.schema.json"), work, dialects, k=4,
             segment_options=["--method", "latent-class", "--transform", "monthly_rx=log,emails_opened=log"]),
        # The hostile table's typing tool asks about the level, boolean and date columns.
        Case("hostile", arguments.personas, *write_hostile(work), work, dialects, k=3,
             questions=[HOSTILE["channel"], HOSTILE["flag"], HOSTILE["date"]]),
        # The same by a latent class model: the hostile levels in its CASEs, a boolean and a date item.
        Case("hostile-latent-class", arguments.personas, *write_hostile(work), work, dialects, k=3,
             questions=[HOSTILE["channel"], HOSTILE["flag"], HOSTILE["date"]],
             segment_options=["--method", "latent-class"]),
    ]
    passed = failed = 0
    for engine_name in engines:
        engine = ENGINES[engine_name]()
        dialect = DIALECT[engine_name]
        try:
            engine.secret()
            for case in cases:
                for native in (True, False):
                    engine.load(case, native, "customers")
                    label = f"{engine_name} {engine.version} ({dialect}), {case.name}, {'native types' if native else 'all text'}"
                    queries = [("export-sql", case.model_sql[dialect], compare_model)] + [
                        (f"typing-tool.sql ({method})", case.tool_sql[method][dialect],
                         lambda case, names, rows, method=method: compare_tool(case, names, rows, method))
                        for method in TOOL_METHODS]
                    for query, sql, compare in queries:
                        try:
                            problems = compare(case, *engine.query(sql))
                        except Exception as error:  # an engine's parse or run error is a failure
                            problems = [f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"]
                        if problems:
                            failed += 1
                            print(f"FAIL {label}, {query}: {len(problems)} problem(s); first: {problems[0]}")
                        else:
                            passed += 1
                            print(f"ok   {label}, {query}: {len(case.rows)} rows equal the CLI's")
                        sys.stdout.flush()
        finally:
            engine.close()
    if arguments.keep:
        print(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

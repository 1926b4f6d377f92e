"""registry_backend.py — the one switch of the end-to-end suite between the two
registry backends (issue #14): GIFKIT_E2E_REGISTRY.

  GIFKIT_E2E_REGISTRY=sqlite (or unset)  every case reads its registry files, as always;
  GIFKIT_E2E_REGISTRY=postgresql         the cases that read a registry read it from a real
                                         PostgreSQL server, with the same expected results.

On a server, a case's setup steps build its registry files as before; then each
file a command reads is pushed (`gifkit registry push FILE DSN`) into a database
of its own, created for the case and dropped after it (the pointer
gifkit.registry_pointer is per database, so cases that ctest runs in parallel
never meet), and the command gets the DSN where it had the path. A path with no
file behind it stands for a database with no registry in it. A file written
again after its push (a build, an update, a test step that changes it) is pushed
again before the next read. Commands that write a registry (`registry build`,
`registry update`) keep writing the file; a case flagged update_on_server has its
`registry update FILE …` run on the server's copy instead (`registry update DSN
…`), for when gifkit updates a registry on a server. Expected texts that name a
registry file name the server as gifkit prints it (postgresql://USER@HOST:PORT/DB,
no password: docs/postgresql.md), and no output may hold the password.

The server is the one the ctest fixture started (pg_server.py --stage start; the
path of its pg.json in GIFKIT_E2E_PG); run by hand without GIFKIT_E2E_PG, a case
starts a throw-away server of its own (pg_server.PgServer). No PostgreSQL here:
Unavailable (the scripts exit 77, skipped).
"""
import json
import os
import re
import subprocess

from case_runner import Failure, Skipped

SWITCH = "GIFKIT_E2E_REGISTRY"
SERVER_DOCUMENT = "GIFKIT_E2E_PG"
BACKENDS = ("sqlite", "postgresql")


class Unavailable(Skipped):
    """The cases cannot run on a server here (no PostgreSQL, or the fixture's server is not
    running): skipped."""


class PushFailed(Failure):
    pass


def backend():
    """sqlite or postgresql, as GIFKIT_E2E_REGISTRY says (sqlite when it is unset)."""
    value = os.environ.get(SWITCH) or "sqlite"
    if value not in BACKENDS:
        raise SystemExit(f"{SWITCH}={value!r}: expected one of {', '.join(BACKENDS)}")
    return value


def on_server():
    return backend() == "postgresql"


def server_cases(names, not_on_server, every_name=None):
    """The names of the cases that run on a server: those of names not in not_on_server (a
    dict of name → why the case is left out), which must name cases there are (every_name,
    by default names)."""
    unknown = sorted(set(not_on_server) - set(every_name or names))
    if unknown:
        raise SystemExit(f"not_on_server names no case: {unknown}")
    return [name for name in names if name not in not_on_server]


def redacted(dsn):
    """dsn as gifkit names a server in its messages: without the password."""
    scheme, rest = dsn.split("://", 1)
    credentials, address = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}@{address}"


def registry_operands(args):
    """(reads, writes): the indices of a gifkit argument list naming a registry the command
    reads (--registry R, registry info|verify|changes R, diff --registries OLD NEW, or the
    flag's old spelling diff --registry OLD NEW) and those naming one it writes (registry
    build -o/--output/--out R, registry update R)."""
    if args[:1] == ["registry"] and len(args) > 2:
        if args[1] in ("info", "verify", "changes"):
            return [2], []
        if args[1] == "update":
            return [], [2]
        if args[1] == "build":
            return [], [i + 1 for i, a in enumerate(args[:-1])
                        if a in ("--out", "-o", "--output")]
        return [], []
    if args[:1] == ["diff"]:  # diff --registries OLD NEW: a flag, the two builds after it
        flags = [i for i, a in enumerate(args) if a in ("--registries", "--registry")]
        return [i for i in range(flags[0] + 1, flags[0] + 3) if i < len(args)] if flags else [], []
    flags = [i for i, a in enumerate(args) if a == "--registry"]
    return [i + 1 for i in flags if i + 1 < len(args)], []


def reads_a_registry(steps, update_on_server=False):
    """Whether any of the gifkit argument lists (callables are passed over) reads a registry
    on a server (or, update_on_server, updates one)."""
    def on_server(step):
        return registry_operands(step)[0] or (update_on_server and step[:2] == ["registry",
                                                                                "update"])
    return any(on_server(step) for step in steps if not callable(step))


class FileRegistries:
    """A case's registries as files: every command as it is written."""

    def command(self, args):
        return list(args)

    def served(self, path):
        """What gifkit is given for the registry file at path."""
        return path

    def expected(self, text):
        return text

    def service_name(self, path):
        """How `gifkit serve` names the registry file at path in its answers."""
        return os.path.basename(path)

    def change(self, path, sql):
        """Runs sql (SQL both engines read) on the registry at path: its file here."""
        import sqlite3  # only here: most cases never change a registry by SQL
        db = sqlite3.connect(path)
        try:
            with db:
                db.execute(sql)
        finally:
            db.close()

    def leak(self, text):
        """A message when text shows what it must not (the server's password), else None."""
        return None

    def from_recipe(self, path, cached, name):
        """The file at path was just copied from cached, a recipe's build that the database
        name may stand for on a server (registry_recipes.py): nothing to do for files."""

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Databases:
    """The databases of the cases of one process on the server: create() and close()."""

    def __init__(self):
        import pg_server  # here, not at the top: a case on files never needs it
        import secrets
        self.own = None
        path = os.environ.get(SERVER_DOCUMENT)
        if path:
            try:
                with open(path, encoding="utf-8") as f:
                    document = json.load(f)
            except FileNotFoundError:
                raise Unavailable(f"no PostgreSQL server: no {path} (the fixture's start "
                                  "stage was skipped or failed)") from None
            self.admin = attached(document["bindir"], document["primary"]).admin
            dsn, self.password = document["primary"]["dsn"], document["primary"]["password"]
        else:
            try:
                self.own = pg_server.PgServer()
            except pg_server.PgUnavailable as e:
                raise Unavailable(str(e)) from None
            self.admin, dsn, self.password = self.own.admin, self.own.dsn, self.own.password
        self.base = dsn.rsplit("/", 1)[0]
        self.owner = pg_server.USER
        self.created = []
        self.tag = secrets.token_hex(3)

    def create(self, template=None, name=None):
        """A new database owned by the role gifkit (a copy of template, if given); its DSN.
        close() drops it, unless it was given a name (made anew: dropped first if there)."""
        if name:
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        else:
            name = f"e2e_{os.getpid()}_{self.tag}_{len(self.created) + 1}"
            self.created.append(name)
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin(f"CREATE DATABASE {name} OWNER {self.owner}{copy}")
        return f"{self.base}/{name}"

    def exists(self, name):
        return self.admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'").strip() == "1"

    def close(self):
        try:
            for name in self.created:
                self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self.created = []
        finally:
            if self.own:
                self.own.stop()


def attached(bindir, entry):
    """A PgServer for a server that pg.json describes (another process started it): its
    psql() and admin()."""
    import pg_server
    server = pg_server.PgServer.__new__(pg_server.PgServer)
    server.bindir, server.folder, server.socket_dir = bindir, entry["folder"], entry["socket_dir"]
    server.host, server.port, server.user = entry["host"], entry["port"], entry["user"]
    server.dbname, server.password = entry["dbname"], entry["password"]
    return server


def push(gifkit, path, dsn):
    proc = subprocess.run([gifkit, "registry", "push", path, dsn], capture_output=True,
                          timeout=900)
    if proc.returncode != 0:
        raise PushFailed(f"gifkit registry push {path} {redacted(dsn)}: exit {proc.returncode}: "
                         f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}")


def file_state(path):
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class ServerRegistries(FileRegistries):
    """A case's registries on the server: each registry file its commands read stands for a
    database of its own. templates: {path: a database to copy for it instead of pushing the
    file} (a fixture's registry, pushed once)."""

    def __init__(self, gifkit, update_on_server=False, templates=None):
        self.gifkit, self.update_on_server = gifkit, update_on_server
        self.templates = templates or {}
        self.template_states = {}  # path → the file's state its template stands for
        self.databases = Databases()
        self.dsn = {}      # path → the DSN of its database
        self.pushed = {}   # path → the file's state when it was pushed

    def served(self, path):
        if path not in self.dsn:
            template = self.templates.get(path)
            if template and not self.databases.exists(template):
                template = None  # no fixture stage filled it: the file is pushed
            self.dsn[path] = self.databases.create(template)
            if template:
                self.pushed[path] = self.template_states.get(path) or file_state(path)
        state = file_state(path)
        if state is not None and self.pushed.get(path) != state:
            push(self.gifkit, path, self.dsn[path])
            self.pushed[path] = state
        return self.dsn[path]

    def command(self, args):
        reads, writes = registry_operands(args)
        if self.update_on_server and args[:2] == ["registry", "update"]:
            reads, writes = reads + writes, []
        args = list(args)
        for i in reads:
            args[i] = self.served(args[i])
        return args

    def expected(self, text):
        """text with each registry file named as gifkit names its server: the path, or
        else the file's name."""
        for path, dsn in self.dsn.items():
            name = re.escape(os.path.basename(path))
            text = re.sub(rf"(?<![\w.-]){name}", lambda _: redacted(dsn),
                          text.replace(path, redacted(dsn)))
        return text

    def schema(self, path):
        """(database, schema): where the registry file at path is read on the server."""
        database = self.served(path).rsplit("/", 1)[1]
        return database, self.databases.admin(
            "SELECT current_schema_name FROM gifkit.registry_pointer", dbname=database).strip()

    def service_name(self, path):
        """On a server the service names the schema the pointer names (docs/postgresql.md)."""
        return self.schema(path)[1]

    def change(self, path, sql):
        """On a server: sql runs on the server's copy of the registry at path (the file, left
        as it is, is not pushed again)."""
        database, schema = self.schema(path)
        self.databases.admin(f"SET search_path TO {schema};\n{sql};\n", dbname=database)

    def from_recipe(self, path, cached, name):
        """The recipe's database name (pushed from cached the first time, under the recipe's
        lock) is copied for path instead of pushing the file, unless the file changes first."""
        if not self.databases.exists(name):
            push(self.gifkit, cached, self.databases.create(name=name))
        self.templates[path] = name
        self.template_states[path] = file_state(path)

    def leak(self, text):
        if self.databases.password in text:
            return "the output shows the server's password"
        return None

    def close(self):
        self.databases.close()


def push_template(gifkit, path, name):
    """On a server: the registry file at path pushed into the database name (made anew),
    which the cases' ServerRegistries(templates={path: name}) copy instead of pushing the
    file each (a copy takes a fraction of a push). Raises Unavailable."""
    if not os.environ.get(SERVER_DOCUMENT):
        raise Unavailable(f"a template needs the fixture's server ({SERVER_DOCUMENT})")
    databases = Databases()
    try:
        push(gifkit, path, databases.create(name=name))
    finally:
        databases.close()


def registries(gifkit, update_on_server=False, templates=None):
    """The registries of one case on the backend the switch names (a context manager).
    Raises Unavailable on a server that cannot be reached here."""
    if on_server():
        return ServerRegistries(gifkit, update_on_server, templates)
    return FileRegistries()

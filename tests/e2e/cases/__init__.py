"""cases/ — the table cases of the end-to-end suite, numbered like a table (SQLite
style), one module per command or group of numbers; run_e2e.py collects them (its
GROUPS) and runs one. Add a case to the list CASES of its group's module, with the
next free number of its group; a new group is a new module, added to MODULES below
with its numbers (a run of one case loads only the modules that hold its number).
Helpers and inputs of more than one module live in common.py.

Each module says the room its cases cover (tests/rooms.txt; the ctest label room:NAME) in
ROOM = "NAME"; a case of another room says so in its key "room".

Each case runs the real gifkit binary. Keys:
  name      case id (e2e.<name> in ctest)
  room      the room the case covers, when not its module's ROOM
  args      arguments; {fixtures} = tests/e2e/data, {data} = ../shared/data,
            {tmp} = a fresh temp dir, {repo} = the project root
  exit      expected exit code (0 ok, 1 data not OK, 2 usage / could not run)
  expect    [(code, row, column[, suggestion substring])] that the JSON report must hold
  absent    codes the JSON report must not hold
  check     function(report) -> error message or None
  env       environment variables of the command ({name: value}), over the runner's own
  format    check stdout with check_report.py FORMAT
  reference compare stdout with reference/FILE
  stdout_check  function(stdout, env) -> error message or None
  stdout_contains / stderr_contains  substrings
  output_lacks  substrings neither stdout nor stderr may hold (or function(env) -> them)
  setup     function(tmp) run before anything else
  before / after  steps run before / after the command: gifkit argument lists
            (each must exit 0) or functions(env), env holding tmp, data, fixtures, repo
            and gifkit_json(*args) (a command's JSON, its registry on the backend)
  update_on_server  with GIFKIT_E2E_REGISTRY=postgresql, its `registry update FILE …`
            steps update the server's copy of FILE (`registry update DSN …`, FILE pushed
            first) instead of the file; unset, they update the file, pushed before the
            next read (registry_backend.py). The 10.x update cases have it, but those
            about the file itself.

With GIFKIT_E2E_REGISTRY=postgresql the cases that read a registry run again against a
PostgreSQL server (run_e2e.py, registry_backend.py), except those a module's FILE_ONLY
names (the cases about the registry file itself, with the reason: registry.py).
"""

# The modules of cases/, in the order their cases are registered (ctest -N), each with the
# group numbers its case names start with (run_e2e.py --list checks every name against it).
MODULES = {
    "validate": (1, 2, 3, 4, 5, 7),
    "cli": (6,),
    "registry": (8, 10),
    "validate_registry": (11,),
    "registry_sources": (9,),
    "abr": (12,),
    "address_normalize": (13,),
    "chars": (15,),
    "municipal": (17,),
    "address_reverse": (18,),
    "individual_number": (22,),
    "model_choice": (35,),
    "point_place": (17,),
    "columns": (36,),
}

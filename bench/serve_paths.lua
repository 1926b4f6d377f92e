-- serve_paths.lua — wrk script for run_serve_bench.sh: sends GET requests
-- for the paths of the file named by $PATHS (one path a line, already
-- percent-encoded), in turn, each wrk thread starting at its own place.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7919)
end
local i = nil
request = function()
  if i == nil then i = start or 0 end
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

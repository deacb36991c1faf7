-- wrk script for a CPU time per request: ends wrk after a number of responses (the first argument after --), each of
-- which must have the expected status (the second), printing "answered N" then; any other status prints
-- "status S" and ends it with 1. wrk itself only runs for a duration (-d bounds the run). For one thread (wrk -t1).
local limit, expected
local count = 0

function init(args)
	limit = tonumber(args[1])
	expected = tonumber(args[2])
end

function response(status, headers, body)
	if status ~= expected then
		io.write("status " .. status .. "\n")
		os.exit(1)
	end
	count = count + 1
	if count >= limit then
		io.write("answered " .. count .. "\n")
		os.exit(0)
	end
end

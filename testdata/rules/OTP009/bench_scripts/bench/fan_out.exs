# R26: a benchmark script: its processes live as long as the script, and there is no
# application to supervise them. Not flagged.
pids = for i <- 1..1_000, do: spawn(fn -> Process.sleep(i) end)
Task.start(fn -> IO.inspect(length(pids)) end)

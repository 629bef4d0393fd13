module defer-bench

go 1.19

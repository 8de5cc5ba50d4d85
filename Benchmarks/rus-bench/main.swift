// Benchmarks: see BENCHMARKS.md. Filled in by the benchmark work of issue 3.
print("rus-bench: no benchmarks yet")

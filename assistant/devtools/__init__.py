"""Developer tools: the benchmark, the load test and a Chroma server for tests and benchmarks.

Imported only by their CLI commands (`coach bench`, `coach loadtest`) and the tests; nothing the app runs on
imports this package.
"""

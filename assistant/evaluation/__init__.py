"""Question sets, metrics, evaluation runs, reports and comparisons."""

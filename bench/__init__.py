"""`make bench`: Resettle's benchmarks at national scale, each reported against a baseline from the same run."""

"""The speed benchmarks, each a module run from the repository's root:
`python -m benchmarks.slider_latency` (see benchmarks/README.md)."""

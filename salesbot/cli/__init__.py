"""The command line: `python -m salesbot seed|export|analyse` (main), the demo data (seed), transcript files."""

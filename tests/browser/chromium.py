"""How the browser journeys and the benchmarks (bench/screenshots.py, bench/lighthouse.py)
start Debian's Chromium, and the two window sizes they look through. No Django here, so
a script outside the test suite can import it."""

# Headless and quiet: no first-run, sync, updates or background traffic.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}  # a laptop
PHONE = {"width": 360, "height": 740}  # a small phone
